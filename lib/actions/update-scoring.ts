"use server";

import { loadRuleContext } from "@/lib/data/rules/context";
import { updateScoring as updateScoringData } from "@/lib/data/rules/scoring";
import { scoringInputSchema } from "@/lib/validation/scoring";
import { action } from "./client";

/** New weights and ideal profile rescore every account: refresh every page. */
export const updateScoring = action({
  name: "updateScoring",
  roles: ["ADMIN"],
  args: async () => [scoringInputSchema(await loadRuleContext())] as const,
  run: (user, input) => updateScoringData(user, input),
  revalidate: [["/", "layout"]],
});
