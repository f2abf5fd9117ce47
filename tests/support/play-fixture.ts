import type { Actor } from "@/lib/auth/access";
import { createPlay } from "@/lib/data/plays/editor";
import { publishPlay } from "@/lib/data/plays/publish";
import { EMPTY_AUDIENCE } from "@/lib/plays/definition";

/** A published play for every account whose peers mostly run marketing automation and it does not (whitespace only). Returns its id. */
export async function publishAutomationGapPlay(admin: Actor): Promise<number> {
  const { id } = await createPlay(admin, {
    name: "Automation gap",
    goal: "Sell marketing automation",
    kind: "CROSS_SELL",
    audience: { ...EMPTY_AUDIENCE, whitespace: ["MARKETING_AUTOMATION"] },
    pitch: "Hello {{name}}",
    talkingPoints: [],
    channel: "BEST",
    priority: 50,
    startsOn: null,
    endsOn: null,
  });
  await publishPlay(admin, id, { baseRevision: 0, note: "Launch" });
  return id;
}
