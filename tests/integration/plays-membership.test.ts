/**
 * Play audiences are kept like segment memberships: publishing a play, publishing a tier scheme
 * and a data change all move accounts in and out (account_segmentation.play_ids), each move in
 * the ledger with its reason; whitespace (categories most peers run) is computed with them.
 */
import { beforeAll, describe, expect, test } from "vitest";
import type { Actor } from "@/lib/auth/access";
import { db } from "@/lib/db/client";
import { recomputeAll } from "@/lib/db/membership/recompute-all";
import { createPlay, savePlayDraft } from "@/lib/data/plays/editor";
import { archivePlay, publishPlay } from "@/lib/data/plays/publish";
import { publishTierScheme, saveTierSchemeDraft } from "@/lib/data/rules/tier-scheme";
import { EMPTY_AUDIENCE, type PlayDefinition } from "@/lib/plays/definition";
import type { RuleGroup } from "@/lib/segmentation/rule";
import { createAccount, createUser } from "../support/fixtures";
import { resetDatabase } from "../support/reset-db";

let admin: Actor;
const ids: Record<string, number> = {};
const ltvAtLeast = (id: string, value: number): RuleGroup => ({ kind: "group", op: "and", children: [{ kind: "condition", id, field: "lifetimeValue", operator: "gte", value }] });

const play = (overrides: Partial<PlayDefinition> = {}): PlayDefinition => ({
  name: "Executive check-in",
  goal: "Protect our biggest accounts",
  kind: "RETENTION",
  audience: { ...EMPTY_AUDIENCE, tiers: ["top"] },
  pitch: "Hello {{name}}, you have spent {{lifetimeValue}} with us.",
  talkingPoints: ["Roadmap for {{industry}}"],
  channel: "BEST",
  priority: 80,
  startsOn: null,
  endsOn: null,
  ...overrides,
});

const playIdsOf = async (accountId: number) =>
  (await db.accountSegmentation.findUniqueOrThrow({ where: { accountId }, select: { playIds: true } })).playIds;

beforeAll(async () => {
  await resetDatabase();
  admin = await createUser("ADMIN", "admin@test.local");
  const rep = await createUser("REP", "rep@test.local");
  for (const [key, ltv] of Object.entries({ big: 500_000, mid: 120_000, small: 5_000 })) {
    ids[key] = await createAccount({ name: key, lifetimeValue: ltv, ownerId: rep.id });
  }
  const scheme = { tiers: [{ key: "top", name: "Top", color: "#4f46e5", rule: ltvAtLeast("t", 100_000) }] };
  const { revision } = await saveTierSchemeDraft(admin, scheme, 0);
  await publishTierScheme(admin, { baseRevision: revision, note: "First scheme" });
});

describe("play memberships", () => {
  let playId: number;

  test("publishing a play puts its audience in it, with ledger entries naming the play version", async () => {
    playId = (await createPlay(admin, play())).id;
    expect(await playIdsOf(ids.big!)).toEqual([]);
    const result = await publishPlay(admin, playId, { baseRevision: 0, note: "Launch" });
    expect(result).toEqual({ version: 1, changed: 2 });
    expect(await playIdsOf(ids.big!)).toEqual([playId]);
    expect(await playIdsOf(ids.mid!)).toEqual([playId]);
    expect(await playIdsOf(ids.small!)).toEqual([]);
    const events = await db.membershipEvent.findMany({ where: { scope: "PLAY" }, orderBy: { accountId: "asc" } });
    expect(events.map((e) => [e.accountId, e.playId, e.change, e.reason, e.ruleVersion])).toEqual([
      [ids.big, playId, "ENTERED", "RULE_PUBLISHED", 1],
      [ids.mid, playId, "ENTERED", "RULE_PUBLISHED", 1],
    ]);
    expect(events[0]?.detail).toBe("Play Executive check-in v1: Launch");
  });

  test("a tier publish that moves an account out of the tier takes it out of the play", async () => {
    const scheme = { tiers: [{ key: "top", name: "Top", color: "#4f46e5", rule: ltvAtLeast("t", 200_000) }] };
    const draft = await db.tierSchemeDraft.findUniqueOrThrow({ where: { id: 1 } });
    const { revision } = await saveTierSchemeDraft(admin, scheme, draft.revision);
    await publishTierScheme(admin, { baseRevision: revision, note: "Raise the bar" });
    expect(await playIdsOf(ids.mid!)).toEqual([]);
    const left = await db.membershipEvent.findFirstOrThrow({ where: { scope: "PLAY", accountId: ids.mid, change: "LEFT" } });
    expect(left).toMatchObject({ playId, reason: "RULE_PUBLISHED", ruleVersion: 1, detail: "Tier scheme v2: Raise the bar" });
  });

  test("a data change moves accounts in with reason DATA_CHANGE", async () => {
    await db.account.update({ where: { id: ids.small! }, data: { lifetimeValue: 900_000 } });
    const summary = await recomputeAll(db, { reason: "DATA_CHANGE" }, { accountIds: [ids.small!] });
    expect(summary.playChanges).toBe(1);
    expect(await playIdsOf(ids.small!)).toEqual([playId]);
  });

  test("a play outside its dates has no members; archiving empties it", async () => {
    const editor = await db.play.findUniqueOrThrow({ where: { id: playId } });
    await savePlayDraft(admin, playId, play({ startsOn: "2099-01-01" }), editor.revision);
    await publishPlay(admin, playId, { baseRevision: editor.revision + 1, note: "Pause until 2099" });
    expect(await playIdsOf(ids.big!)).toEqual([]);
    const second = (await createPlay(admin, play({ name: "Second", audience: { ...EMPTY_AUDIENCE, rule: ltvAtLeast("r", 1) } }))).id;
    await publishPlay(admin, second, { baseRevision: 0, note: "Everyone" });
    expect(await playIdsOf(ids.big!)).toEqual([second]);
    await archivePlay(admin, second);
    expect(await playIdsOf(ids.big!)).toEqual([]);
    expect(await db.membershipEvent.count({ where: { scope: "PLAY", playId: second, change: "LEFT" } })).toBe(3);
  });
});
