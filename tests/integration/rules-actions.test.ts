/**
 * The admin's rule flow through the server actions: save, preview, publish with a note,
 * conflicts, restore. The tier editor's live preview is the route handler app/api/rules/preview,
 * called as the editor calls it. (Refusals for other roles: tests/integration/actions-roles.test.ts.)
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { db } from "@/lib/db/client";
import { resetDatabase } from "../support/reset-db";
import { createAccount, createUser, draftSegment } from "../support/fixtures";
import { data, previewRoute } from "../support/preview-route";
import { session, sessionModuleMock } from "../support/session-mock";
import type { SessionUser } from "@/lib/auth/session";

vi.mock("@/lib/auth/session", () => sessionModuleMock());
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { tierScheme: previewTierRoute } = await previewRoute();
const { previewSegment, previewTierPublish } = await import("@/lib/actions/preview-rule");
const { createSegment, saveSegmentDraft, saveTierSchemeDraft } = await import("@/lib/actions/save-rule-draft");
const { publishTierScheme, restoreTierScheme, publishSegment } = await import("@/lib/actions/publish-rule");

let admin: SessionUser;
let rep: SessionUser;
let segmentId: number;

const ltvAtLeast = (amount: number, id = "c1") => ({
  kind: "group",
  op: "and",
  children: [{ kind: "condition", id, field: "lifetimeValue", operator: "gte", value: amount }],
});
const scheme = (strategic: number) => ({
  tiers: [
    { key: "strategic", name: "Strategic", color: "#4f46e5", rule: ltvAtLeast(strategic, "s1") },
    { key: "growth", name: "Growth", color: "#0284c7", rule: ltvAtLeast(10_000, "g1") },
  ],
});
const details = { name: "Big cloud", description: "", kind: "MIXED", color: "#123456" } as const;

beforeAll(async () => {
  await resetDatabase();
  admin = await createUser("ADMIN", "admin@test.local");
  rep = await createUser("REP", "rep@test.local");
  for (const [i, ltv] of [5_000, 20_000, 60_000, 150_000, 400_000].entries()) {
    await createAccount({ name: `Account ${i}`, lifetimeValue: ltv, ownerId: rep.id, hostingPreference: i % 2 ? "CLOUD" : "ON_PREMISE" });
  }
  segmentId = await draftSegment("Existing", ltvAtLeast(1), details);
});
afterAll(() => db.$disconnect());
beforeEach(() => {
  session.user = null;
});

describe("an admin edits, previews, publishes and restores", () => {
  beforeEach(() => {
    session.user = admin;
  });

  test("tier scheme: save, preview, publish with a note, then a stricter version moves accounts", async () => {
    expect(await saveTierSchemeDraft(scheme(100_000), 0)).toEqual({ ok: true, data: { revision: 1 } });
    const preview = data(await previewTierRoute(scheme(100_000)));
    if (!preview?.ok) throw new Error("preview failed");
    const [strategic, growth] = preview.preview.tiers;
    expect(preview.preview.tiers.map((t) => t.count)).toEqual([2, 2]);
    expect(preview.preview.untiered).toBe(1);
    // Samples: each tier's own accounts, biggest first; Growth's rule also matches the two Strategic ones.
    expect(strategic?.sample.map((a) => a.name)).toEqual(["Account 4", "Account 3"]);
    expect(growth?.sample.map((a) => [a.name, a.lifetimeValue])).toEqual([["Account 2", 60_000], ["Account 1", 20_000]]);
    expect(growth).toMatchObject({ ownMatches: 4, caughtEarlier: 2, lifetimeValue: 80_000 });

    expect(await publishTierScheme(1, "  ")).toMatchObject({ ok: false, code: "INVALID" });
    expect(await publishTierScheme(1, "First scheme")).toMatchObject({ ok: true, data: { version: 1, changed: 4 } });

    expect(await saveTierSchemeDraft(scheme(300_000), 2)).toMatchObject({ ok: true });
    const stricter = data(await previewTierRoute(scheme(300_000)));
    if (!stricter?.ok) throw new Error("preview failed");
    expect(stricter.preview.transitions).toEqual([
      expect.objectContaining({ fromKey: "strategic", toKey: "growth", accounts: 1, lifetimeValue: 150_000, reps: [{ id: rep.id, name: "rep" }] }),
    ]);
    // The publish dialog names who moves; the live preview does not pay for that query.
    expect(stricter.movers).toBeUndefined();
    const forPublish = await previewTierPublish(scheme(300_000));
    if (!forPublish.ok || !forPublish.data.ok) throw new Error("publish preview failed");
    expect(forPublish.data.movers).toEqual([
      expect.objectContaining({ name: "Account 3", fromName: "Strategic", toName: "Growth", lifetimeValue: 150_000, ownerName: "rep" }),
    ]);
    expect(await publishTierScheme(3, "Raise the bar")).toMatchObject({ ok: true, data: { version: 2, changed: 1 } });

    const moved = await db.account.findFirstOrThrow({ where: { name: "Account 3" }, include: { segmentation: { include: { tier: true } } } });
    expect(moved.segmentation?.tier?.key).toBe("growth");
    const ledger = await db.membershipEvent.findMany({ where: { accountId: moved.id, scope: "TIER" }, orderBy: { id: "asc" } });
    expect(ledger.map((e) => [e.change, e.reason, e.ruleVersion])).toEqual([
      ["ENTERED", "RULE_PUBLISHED", 1],
      ["ENTERED", "RULE_PUBLISHED", 2],
    ]);
    expect(await db.auditLog.count({ where: { action: "RULE_PUBLISHED", actorId: admin.id } })).toBe(2);
  });

  test("a stale draft save is refused instead of overwriting", async () => {
    const result = await saveTierSchemeDraft(scheme(123_000), 1);
    expect(result).toMatchObject({ ok: false, code: "CONFLICT" });
    if (!result.ok) expect(result.error).toMatch(/admin changed the tier scheme draft/);
  });

  test("restoring version 1 publishes it again as version 3", async () => {
    expect(await restoreTierScheme(1, "Back to the old bar")).toMatchObject({ ok: true, data: { version: 3, changed: 1 } });
    const v3 = await db.tierSchemeVersion.findUniqueOrThrow({ where: { version: 3 } });
    expect(v3.restoredFrom).toBe(1);
    expect(await db.auditLog.count({ where: { action: "RULE_RESTORED" } })).toBe(1);
  });

  test("segment: create, save, preview the diff, publish, then only matching accounts are members", async () => {
    const created = await createSegment({ ...details, name: "Large on-premise" });
    if (!created.ok) throw new Error(created.error);
    const id = created.data.id;
    const rule = { kind: "group", op: "and", children: [
      { kind: "condition", id: "a", field: "lifetimeValue", operator: "gte", value: 50_000 },
      { kind: "condition", id: "b", field: "hostingPreference", operator: "any_of", value: ["ON_PREMISE"] },
    ] };
    expect(await saveSegmentDraft(id, { details: { ...details, name: "Large on-premise" }, rule, baseRevision: 0 })).toMatchObject({ ok: true });
    const preview = await previewSegment(id, rule);
    expect(preview.ok && preview.data.ok && preview.data.preview.matching).toBe(2);
    expect(preview.ok && preview.data.ok && preview.data.text).toMatch(/Lifetime value/);
    expect(await publishSegment(id, 1, "Migration campaign")).toMatchObject({ ok: true, data: { version: 1, changed: 2 } });
    const members = await db.accountSegment.findMany({ where: { segmentId: id }, include: { account: true } });
    // On-premise accounts are the even ones: 5k, 60k and 400k; two of them reach 50k.
    expect(members.map((m) => m.account.name).sort()).toEqual(["Account 2", "Account 4"]);
  });

  test("an invalid rule is refused with the condition named", async () => {
    const bad = { kind: "group", op: "and", children: [{ kind: "condition", id: "x", field: "lifetimeValue", operator: "contains", value: "a" }] };
    const result = await previewSegment(null, bad);
    expect(result.ok && !result.data.ok && result.data.errors[0]?.message).toMatch(/Condition 1/);
    const saved = await saveSegmentDraft(segmentId, { details, rule: bad, baseRevision: 0 });
    expect(saved).toMatchObject({ ok: false, code: "INVALID" });
  });
});
