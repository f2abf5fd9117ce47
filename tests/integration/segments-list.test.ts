import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Actor } from "@/lib/auth/access";
import { db } from "@/lib/db/client";
import { recomputeAll } from "@/lib/db/membership/recompute-all";
import { getSegment, listSegments, TREND_DAYS } from "@/lib/data/segments";
import type { HostingPreference } from "@/lib/generated/prisma/enums";
import { createAccount, createUser, draftSegment, publishSegment } from "../support/fixtures";
import { resetDatabase } from "../support/reset-db";

const DAY_MS = 86_400_000;
let repA: Actor;
let repB: Actor;
let manager: Actor;
let admin: Actor;
let cloudId: number;
let onPremId: number;
let draftId: number;
let archivedId: number;

const hostingRule = (id: string, values: HostingPreference[]) => ({
  kind: "group",
  op: "and",
  children: [{ kind: "condition", id, field: "hostingPreference", operator: "any_of", value: values }],
});
const GREEN = "#10b981";

beforeAll(async () => {
  await resetDatabase();
  repA = await createUser("REP", "rep-a@test.local");
  repB = await createUser("REP", "rep-b@test.local");
  manager = await createUser("MANAGER", "manager@test.local");
  admin = await createUser("ADMIN", "admin@test.local");

  // repA: 3 cloud, 1 on-premise; repB: 2 cloud, 2 on-premise; unassigned: 1 cloud.
  const owners: [Actor | null, HostingPreference][] = [
    [repA, "CLOUD"],
    [repA, "CLOUD"],
    [repA, "CLOUD"],
    [repA, "ON_PREMISE"],
    [repB, "CLOUD"],
    [repB, "CLOUD"],
    [repB, "ON_PREMISE"],
    [repB, "ON_PREMISE"],
    [null, "CLOUD"],
  ];
  for (const [owner, hosting] of owners) await createAccount({ ownerId: owner?.id ?? null, hostingPreference: hosting });
  cloudId = await publishSegment("Cloud first", hostingRule("c", ["CLOUD"]), { color: GREEN, description: "Hosted in the cloud", kind: "TECHNOGRAPHIC" });
  onPremId = await publishSegment("On-premise shops", hostingRule("o", ["ON_PREMISE"]), { color: GREEN, kind: "MIXED" });
  draftId = await draftSegment("Draft only", hostingRule("d", ["HYBRID"]), { color: GREEN });
  archivedId = await publishSegment("Retired", hostingRule("r", ["CLOUD"]), { color: GREEN, archived: true });
  await recomputeAll(db, { reason: "RULE_PUBLISHED" });

  // Ledger history outside the trend window, and one recent exit of a repA account.
  const repAAccount = await db.account.findFirstOrThrow({ where: { ownerId: repA.id, hostingPreference: "ON_PREMISE" } });
  await db.membershipEvent.createMany({
    data: [
      { accountId: repAAccount.id, at: new Date(Date.now() - (TREND_DAYS + 5) * DAY_MS), scope: "SEGMENT", segmentId: cloudId, change: "ENTERED", reason: "IMPORT" },
      { accountId: repAAccount.id, at: new Date(Date.now() - 2 * DAY_MS), scope: "SEGMENT", segmentId: cloudId, change: "LEFT", reason: "DATA_CHANGE" },
    ],
  });
});

afterAll(() => db.$disconnect());

describe("segment sizes per role", () => {
  test("admins and managers count every member; reps count their own", async () => {
    const sizes = async (actor: Actor) => Object.fromEntries((await listSegments(actor)).map((s) => [s.name, s.size]));
    expect(await sizes(admin)).toEqual({ "Cloud first": 6, "On-premise shops": 3 });
    expect(await sizes(manager)).toEqual({ "Cloud first": 6, "On-premise shops": 3 });
    expect(await sizes(repA)).toEqual({ "Cloud first": 3, "On-premise shops": 1 });
    expect(await sizes(repB)).toEqual({ "Cloud first": 2, "On-premise shops": 2 });
  });

  test("only published, non-archived segments are listed, by name, with their rule in plain language", async () => {
    const list = await listSegments(admin);
    expect(list.map((s) => s.id)).toEqual([cloudId, onPremId]);
    expect(list[0]).toMatchObject({
      name: "Cloud first",
      description: "Hosted in the cloud",
      kind: "TECHNOGRAPHIC",
      kindLabel: "Technographic",
      color: "#10b981",
      version: 1,
      ruleText: "Hosting preference is Cloud",
    });
    expect(list[1]?.kindLabel).toBe("Mixed");
    expect(list[0]?.publishedAt).toBeInstanceOf(Date);
  });

  test("getSegment: null for draft-only, archived and unknown segments", async () => {
    expect((await getSegment(repA, cloudId))?.size).toBe(3);
    expect(await getSegment(admin, draftId)).toBeNull();
    expect(await getSegment(admin, archivedId)).toBeNull();
    expect(await getSegment(admin, 987_654)).toBeNull();
    expect(await getSegment(admin, -1)).toBeNull();
  });
});

describe("segment trend", () => {
  test("net entered minus left over the last 30 days, among the accounts the user sees", async () => {
    const trend = async (actor: Actor, id: number) => (await listSegments(actor)).find((s) => s.id === id)?.trend;
    // Publish: 6 entered; plus one recent exit; the 35-day-old entry is outside the window.
    expect(await trend(admin, cloudId)).toEqual({ entered: 6, left: 1, net: 5 });
    expect(await trend(repA, cloudId)).toEqual({ entered: 3, left: 1, net: 2 });
    expect(await trend(repB, cloudId)).toEqual({ entered: 2, left: 0, net: 2 });
    expect(await trend(repB, onPremId)).toEqual({ entered: 2, left: 0, net: 2 });
  });
});

describe("with nothing published", () => {
  test("the list is empty", async () => {
    await db.segment.updateMany({ data: { publishedVersion: null } });
    expect(await listSegments(admin)).toEqual([]);
    expect(await listSegments(repA)).toEqual([]);
  });
});
