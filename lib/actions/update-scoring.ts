"use server";

import { revalidatePath } from "next/cache";
import { requireActionUser } from "@/lib/auth/session";
import { updateScoring as updateScoringData } from "@/lib/data/rules/scoring";
import { runAction } from "./result";

export async function updateScoring(input: unknown) {
  const result = await runAction("updateScoring", async () => {
    const user = await requireActionUser("ADMIN");
    return updateScoringData(user, input);
  });
  if (result.ok) revalidatePath("/", "layout");
  return result;
}
