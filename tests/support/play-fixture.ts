import type { Actor } from "@/lib/auth/access";
import { createPlay } from "@/lib/data/plays/editor";
import { publishPlay } from "@/lib/data/plays/publish";
import { EMPTY_AUDIENCE, type PlayAudience } from "@/lib/plays/definition";

/** A published play with this name and audience (the rest of its definition plain). Returns its id. */
export async function publishPlayFor(admin: Actor, name: string, audience: Partial<PlayAudience>): Promise<number> {
  const { id } = await createPlay(admin, {
    name,
    goal: `Reach: ${name}`,
    kind: "CROSS_SELL",
    audience: { ...EMPTY_AUDIENCE, ...audience },
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

/** A published play for every account whose peers mostly run marketing automation and it does not (whitespace only). Returns its id. */
export function publishAutomationGapPlay(admin: Actor): Promise<number> {
  return publishPlayFor(admin, "Automation gap", { whitespace: ["MARKETING_AUTOMATION"] });
}
