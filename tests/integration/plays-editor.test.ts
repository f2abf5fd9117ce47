/**
 * The admin play editor's flow through the server actions: bad input refused next to its field
 * with nothing saved, conflicts, the live preview, publish with a note, restore (versions and
 * ledger entries). (Refusals for other roles: tests/integration/actions-roles.test.ts.)
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { listPlays } from "@/lib/data/plays/editor";
import { publishTierScheme, saveTierSchemeDraft } from "@/lib/data/rules/tier-scheme";
import { EMPTY_AUDIENCE, type PlayDefinition } from "@/lib/plays/definition";
import type { RuleGroup } from "@/lib/segmentation/rule";
import { createAccount, createUser } from "../support/fixtures";
import { resetDatabase } from "../support/reset-db";
import { session, sessionModuleMock } from "../support/session-mock";

vi.mock("@/lib/auth/session", () => sessionModuleMock());
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { archivePlay, createPlay, previewPlay, publishPlay, restorePlay, savePlayDraft } = await import("@/lib/actions/plays");

let admin: SessionUser;
let rep: SessionUser;
const ids: Record<string, number> = {};

const onPremise: RuleGroup = { kind: "group", op: "and", children: [{ kind: "condition", id: "h1", field: "hostingPreference", operator: "any_of", value: ["ON_PREMISE"] }] };

const play = (overrides: Partial<PlayDefinition> = {}): PlayDefinition => ({
  name: "Cloud ERP migration",
  goal: "Move on-premise ERP customers to the cloud edition",
  kind: "MIGRATION",
  audience: { ...EMPTY_AUDIENCE, tiers: ["top"] },
  pitch: "Hello {{name}},\nyou have spent {{lifetimeValue}} with us.",
  talkingPoints: ["Runs {{technologies.ERP}}"],
  channel: "BEST",
  priority: 70,
  startsOn: null,
  endsOn: null,
  ...overrides,
});

const playCount = () => db.play.count();

beforeAll(async () => {
  await resetDatabase();
  admin = await createUser("ADMIN", "admin@test.local");
  rep = await createUser("REP", "rep@test.local", "Riley Rep");
  for (const [key, ltv, hosting] of [
    ["big", 500_000, "ON_PREMISE"],
    ["mid", 150_000, "CLOUD"],
    ["small", 5_000, "ON_PREMISE"],
  ] as const) {
    ids[key] = await createAccount({ name: key, lifetimeValue: ltv, ownerId: rep.id, hostingPreference: hosting });
  }
  const rule: RuleGroup = { kind: "group", op: "and", children: [{ kind: "condition", id: "t", field: "lifetimeValue", operator: "gte", value: 100_000 }] };
  const { revision } = await saveTierSchemeDraft(admin, { tiers: [{ key: "top", name: "Top", color: "#4f46e5", rule }] }, 0);
  await publishTierScheme(admin, { baseRevision: revision, note: "First scheme" });
});
afterAll(() => db.$disconnect());
beforeEach(() => {
  session.user = admin;
});

describe("bad input is refused next to its field and nothing is saved", () => {
  test("an unknown placeholder, named with its position and the likely one", async () => {
    const result = await createPlay(play({ pitch: "Hello {{name}},\nyou have spent {{lifetimeValu}} with us." }));
    expect(result).toMatchObject({ ok: false, code: "INVALID" });
    if (result.ok) return;
    expect(result.fieldErrors?.pitch).toBe("Unknown placeholder {{lifetimeValu}} at line 2, column 16 (did you mean {{lifetimeValue}}?)");
    expect(await playCount()).toBe(0);
  });

  test("an unknown placeholder in a talking point", async () => {
    const result = await createPlay(play({ talkingPoints: ["Fine", "Runs {{technologies.ERPP}}"] }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors?.talkingPoints).toMatch(/^Unknown technology category in \{\{technologies\.ERPP\}\} at line 1, column 6/);
    expect(await playCount()).toBe(0);
  });

  test("an empty audience", async () => {
    const result = await createPlay(play({ audience: EMPTY_AUDIENCE }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors?.audience).toBe("Choose who the play is for: at least one tier, segment, whitespace category or rule condition.");
    expect(await playCount()).toBe(0);
  });

  test("an end date before the start date", async () => {
    const result = await createPlay(play({ startsOn: "2026-06-01", endsOn: "2026-05-01" }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors?.endsOn).toBe("The end date is before the start date.");
    expect(await playCount()).toBe(0);
  });

  test("a tier that is not in the published scheme", async () => {
    const result = await createPlay(play({ audience: { ...EMPTY_AUDIENCE, tiers: ["gone"] } }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors?.tiers).toBe("A chosen tier is not in the published tier scheme.");
    expect(await playCount()).toBe(0);
  });

  test("a name another play has (ignoring case)", async () => {
    const first = await createPlay(play({ name: "Executive check-in" }));
    expect(first.ok).toBe(true);
    const second = await createPlay(play({ name: "executive CHECK-in" }));
    expect(second).toMatchObject({ ok: false, code: "DUPLICATE_NAME" });
    if (second.ok) return;
    expect(second.fieldErrors?.name).toBe('A play named "executive CHECK-in" already exists.');
    expect(await playCount()).toBe(1);
  });
});

describe("saving a draft", () => {
  test("a stale revision is a conflict and the newer draft stays", async () => {
    const created = await createPlay(play({ name: "Integration bundle" }));
    if (!created.ok) throw new Error(created.error);
    const id = created.data.id;
    expect(await savePlayDraft(id, play({ name: "Integration bundle", priority: 60 }), 0)).toEqual({ ok: true, data: { revision: 1 } });
    const stale = await savePlayDraft(id, play({ name: "Integration bundle", priority: 10 }), 0);
    expect(stale).toMatchObject({ ok: false, code: "CONFLICT" });
    if (!stale.ok) expect(stale.error).toMatch(/changed this play while you were editing/);
    const stored = await db.play.findUniqueOrThrow({ where: { id } });
    expect(stored.revision).toBe(1);
    expect((stored.draft as { priority: number }).priority).toBe(60);
  });
});

describe("the live preview", () => {
  test("counts the audience, names its owners and says it in plain language", async () => {
    const result = await previewPlay(null, play({ audience: { ...EMPTY_AUDIENCE, tiers: ["top"], rule: onPremise } }), undefined);
    if (!result.ok || !result.data.ok) throw new Error("preview failed");
    const { preview, text, warnings } = result.data;
    expect(preview).toMatchObject({ total: 3, matching: 1, diff: null });
    expect(preview.sample.map((a) => a.id)).toEqual([ids.big]);
    expect(preview.owners).toEqual([{ id: rep.id, name: "Riley Rep", accounts: 1 }]);
    expect(text).toMatch(/^In Top, where /);
    expect(warnings).toEqual([]);
    // The pitch as the rep will read it, for the first sample account, formatted like the UI.
    expect(preview.example).toEqual({
      accountId: ids.big,
      accountName: "big",
      pitch: "Hello big,\nyou have spent $500,000 with us.",
      talkingPoints: ["Runs no ERP on record"],
    });
  });

  test("the pitch as typed is rendered for the example, an unfinished placeholder as written, without holding back the count", async () => {
    const texts = { pitch: "{{name}} spent {{lifetimeValue}}; {{lifetim", talkingPoints: ["", "Runs {{technologies.ERP}}"] };
    const result = await previewPlay(null, play({ audience: { ...EMPTY_AUDIENCE, tiers: ["top"], rule: onPremise } }), texts);
    if (!result.ok || !result.data.ok) throw new Error("preview failed");
    expect(result.data.preview.matching).toBe(1);
    expect(result.data.preview.example).toMatchObject({ pitch: "big spent $500,000; {{lifetim", talkingPoints: ["Runs no ERP on record"] });
    const empty = await previewPlay(null, play({ audience: { ...EMPTY_AUDIENCE, tiers: ["top"] } }), { pitch: " ", talkingPoints: [] });
    if (!empty.ok || !empty.data.ok) throw new Error("preview failed");
    expect(empty.data.preview.example).toBeNull();
  });

  test("an empty audience has no pitch example", async () => {
    const result = await previewPlay(null, play({ audience: { ...EMPTY_AUDIENCE, tiers: ["top"], whitespace: ["ERP"], rule: onPremise } }), undefined);
    if (!result.ok || !result.data.ok) throw new Error("preview failed");
    expect(result.data.preview.example).toBeNull();
  });

  test("an audience nobody is in gets a warning", async () => {
    const result = await previewPlay(null, play({ audience: { ...EMPTY_AUDIENCE, tiers: ["top"], whitespace: ["ERP"], rule: onPremise } }), undefined);
    if (!result.ok || !result.data.ok) throw new Error("preview failed");
    expect(result.data.preview.matching).toBe(0);
    expect(result.data.warnings.map((w) => w.code)).toContain("matches_nothing");
  });

  test("a draft with problems gets them back with their paths, for the editor to place", async () => {
    const bad: RuleGroup = { kind: "group", op: "and", children: [{ kind: "condition", id: "x", field: "lifetimeValue", operator: "gte", value: "lots" as unknown as number }] };
    const result = await previewPlay(null, play({ pitch: "{{nme}}", audience: { ...EMPTY_AUDIENCE, rule: bad } }), undefined);
    if (!result.ok || result.data.ok) throw new Error("expected issues");
    const paths = result.data.issues.map((i) => i.path.join("."));
    expect(paths).toContain("pitch");
    expect(paths.some((p) => p.startsWith("audience.rule.children.0.value"))).toBe(true);
  });
});

describe("publishing and restoring", () => {
  let id: number;

  test("a note that is too short is refused and nothing is published", async () => {
    const created = await createPlay(play({ name: "On-premise ERP laggards", audience: { ...EMPTY_AUDIENCE, tiers: ["top"] } }));
    if (!created.ok) throw new Error(created.error);
    id = created.data.id;
    const result = await publishPlay(id, 0, "ok");
    expect(result).toMatchObject({ ok: false, code: "INVALID" });
    if (!result.ok) expect(result.error).toMatch(/at least 3 characters/);
    expect(await db.playVersion.count({ where: { playId: id } })).toBe(0);
    expect((await db.play.findUniqueOrThrow({ where: { id } })).publishedVersion).toBeNull();
  });

  test("publish, narrow, then restore the first version: three versions and ledger entries for each move", async () => {
    // The plays page's audience size (shared across requests while no data changes) follows each publish.
    const members = async () => (await listPlays(admin)).find((p) => p.id === id)?.members;
    expect(await members()).toBe(0);
    expect(await publishPlay(id, 0, "Launch the migration offer")).toEqual({ ok: true, data: { version: 1, changed: 2 } });
    expect(await members()).toBe(2);

    const narrower = play({ name: "On-premise ERP laggards", audience: { ...EMPTY_AUDIENCE, tiers: ["top"], rule: onPremise } });
    const preview = await previewPlay(id, narrower, undefined);
    if (!preview.ok || !preview.data.ok) throw new Error("preview failed");
    expect(preview.data.preview.diff).toEqual({ entering: 0, leaving: 1 });

    const saved = await savePlayDraft(id, narrower, 1);
    if (!saved.ok) throw new Error(saved.error);
    expect(await publishPlay(id, saved.data.revision, "Only on-premise hosting")).toEqual({ ok: true, data: { version: 2, changed: 1 } });
    expect(await members()).toBe(1);
    expect(await restorePlay(id, 1, "Back to every top account")).toEqual({ ok: true, data: { version: 3, changed: 1 } });
    expect(await members()).toBe(2);

    const versions = await db.playVersion.findMany({ where: { playId: id }, orderBy: { version: "asc" } });
    expect(versions.map((v) => [v.version, v.note, v.restoredFrom])).toEqual([
      [1, "Launch the migration offer", null],
      [2, "Only on-premise hosting", null],
      [3, "Back to every top account", 1],
    ]);
    const events = await db.membershipEvent.findMany({ where: { scope: "PLAY", playId: id }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.accountId, e.change, e.reason, e.ruleVersion])).toEqual([
      [ids.big, "ENTERED", "RULE_PUBLISHED", 1],
      [ids.mid, "ENTERED", "RULE_PUBLISHED", 1],
      [ids.mid, "LEFT", "RULE_PUBLISHED", 2],
      [ids.mid, "ENTERED", "RULE_RESTORED", 3],
    ]);
    expect(events.at(-1)?.detail).toBe("Play On-premise ERP laggards v1 restored as v3: Back to every top account");
  });

  test("archiving takes its accounts out of it", async () => {
    expect(await archivePlay(id)).toEqual({ ok: true, data: null });
    const left = await db.membershipEvent.count({ where: { scope: "PLAY", playId: id, change: "LEFT" } });
    expect(left).toBe(3);
    expect(await savePlayDraft(id, play({ name: "On-premise ERP laggards" }), 99)).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });
});
