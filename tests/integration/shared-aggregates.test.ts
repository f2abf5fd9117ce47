import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { Actor } from "@/lib/auth/access";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db/client";
import { recomputeAll } from "@/lib/db/membership/recompute-all";
import { clearSharedAggregates } from "@/lib/data/aggregate-cache";
import { getMatrix } from "@/lib/data/matrix";
import { defaultSince, dismissChangeGroup, getSinceLastVisit } from "@/lib/data/plays/changes";
import { getSegment, listSegments } from "@/lib/data/segments";
import { listSegmentsForAdmin } from "@/lib/data/rules/segments";
import { sharedAccountPage, sharedMatrix, sharedOwnerOptions, sharedSegment, sharedSegments, sharedTierOptions } from "@/lib/data/shared-reads";
import { ownerOptions } from "@/lib/data/lookups";
import { listAccounts } from "@/lib/data/accounts";
import { loadAudienceNames } from "@/lib/data/plays/context";
import { sharedAudienceNames, sharedPublishedPlays, sharedPublishedRules, sharedScoring, sharedSegmentLooks } from "@/lib/data/shared-lookups";
import { loadPublishedPlays } from "@/lib/db/membership/plays";
import { loadPublishedRules, loadScoring } from "@/lib/db/membership/published-rules";
import { loadAccountQuery } from "@/lib/validation/account-query";
import { createAccount, createUser, publishSegment } from "../support/fixtures";
import { resetDatabase } from "../support/reset-db";

let repA: Actor;
let repB: Actor;
let manager: Actor;
let cloudId: number;

const hostingRule = (id: string, value: string) => ({
  kind: "group",
  op: "and",
  children: [{ kind: "condition", id, field: "hostingPreference", operator: "any_of", value: [value] }],
});

beforeAll(async () => {
  await resetDatabase();
  repA = await createUser("REP", "rep-a@test.local");
  repB = await createUser("REP", "rep-b@test.local");
  manager = await createUser("MANAGER", "manager@test.local");
  await createAccount({ ownerId: repA.id, hostingPreference: "CLOUD" });
  await createAccount({ ownerId: repA.id, hostingPreference: "CLOUD" });
  await createAccount({ ownerId: repB.id, hostingPreference: "CLOUD" });
  cloudId = await publishSegment("Cloud first", hostingRule("c", "CLOUD"));
  await recomputeAll(db, { reason: "RULE_PUBLISHED" });
});

beforeEach(() => clearSharedAggregates());

afterAll(async () => {
  await db.$disconnect();
});

describe("aggregates shared across requests", () => {
  test("give what the functions they wrap give, per visibility", async () => {
    for (const actor of [repA, repB, manager]) {
      expect(await sharedSegments(actor)).toEqual(await listSegments(actor));
      expect(await sharedSegment(actor, cloudId)).toEqual(await getSegment(actor, cloudId));
      expect(await sharedMatrix(actor, "segment")).toEqual(await getMatrix(actor, "segment"));
    }
    expect(await sharedSegment(repA, 999_999)).toBeNull();
    // Reps never see each other's figures: each has an entry of their own.
    expect((await sharedSegments(repA))[0]?.size).toBe(2);
    expect((await sharedSegments(repB))[0]?.size).toBe(1);
    expect((await sharedSegments(manager))[0]?.size).toBe(3);
  });

  test("are reused while nothing changed", async () => {
    const first = await sharedSegments(manager);
    expect(await sharedSegments(manager)).toBe(first);
    expect(await sharedTierOptions()).toBe(await sharedTierOptions());
  });

  test("are read again after a ledger entry (a publish and its recompute)", async () => {
    const before = await sharedSegments(manager);
    expect(before.map((s) => s.name)).toEqual(["Cloud first"]);
    const id = await publishSegment("Everyone on the cloud", hostingRule("e", "CLOUD"));
    await recomputeAll(db, { reason: "RULE_PUBLISHED" });
    const after = await sharedSegments(manager);
    expect(after.map((s) => s.name)).toEqual(["Cloud first", "Everyone on the cloud"]);
    expect(after.find((s) => s.id === id)?.size).toBe(3);
    expect(await sharedMatrix(manager, "segment")).toEqual(await getMatrix(manager, "segment"));
  });

  test("the rules page's segment sizes are counted again after a recompute moves accounts", async () => {
    const admin = await createUser("ADMIN", "admin@test.local");
    const sizes = async () => new Map((await listSegmentsForAdmin(admin)).map((s) => [s.id, s.members]));
    const counted = async () => new Map((await db.accountSegment.groupBy({ by: ["segmentId"], _count: { _all: true } })).map((c) => [c.segmentId, c._count._all]));
    const before = await sizes();
    expect(before).toEqual(await counted());
    await createAccount({ ownerId: repB.id, hostingPreference: "CLOUD" });
    await recomputeAll(db, { reason: "DATA_CHANGE" });
    const after = await sizes();
    expect(after.get(cloudId)).toBe(before.get(cloudId)! + 1);
    expect(after).toEqual(await counted());
  });

  test("are read again after any write the pages show, even one that leaves no ledger or audit entry", async () => {
    const first = await sharedOwnerOptions(manager);
    const [rep] = await db.user.findMany({ where: { id: repA.id }, select: { name: true } });
    await db.user.update({ where: { id: repA.id }, data: { name: "Renamed rep" } });
    try {
      const second = await sharedOwnerOptions(manager);
      expect(second).not.toBe(first);
      expect(second).toEqual(await ownerOptions(manager));
      expect(second.map((o) => o.label)).toContain("Renamed rep");
    } finally {
      await db.user.update({ where: { id: repA.id }, data: { name: rep!.name } });
    }
  });

  test("are kept across what a sign-in writes (its audit entry, a second-factor step)", async () => {
    const first = await sharedTierOptions();
    await recordAudit({ actor: { id: manager.id, email: "manager@test.local" }, action: "SIGN_IN", target: "manager@test.local" });
    await db.user.update({ where: { id: manager.id }, data: { totpLastStep: 12345 } });
    expect(await sharedTierOptions()).toBe(first);
  });

  test("see a writer that commits after a later one (out of id order)", async () => {
    const [account] = await db.account.findMany({ where: { ownerId: repA.id }, take: 1, select: { id: true, employeeCount: true } });
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let wrote!: () => void;
    const written = new Promise<void>((resolve) => (wrote = resolve));
    // The earlier writer: its write is in, its commit waits until the later one has committed
    // and a page has stored an entry.
    const earlier = db.$transaction(async (tx) => {
      await tx.account.update({ where: { id: account!.id }, data: { employeeCount: 777_777 } });
      wrote();
      await released;
    });
    await written;
    // The later writer (a statement-level trigger notes even a statement that changed no row).
    await db.tier.updateMany({ where: { key: "no-such-tier" }, data: { name: "x" } });
    const query = loadAccountQuery(new URLSearchParams("sort=employees&dir=desc"));
    const before = await sharedAccountPage(repA, query);
    expect(before.rows[0]!.employeeCount).not.toBe(777_777);
    release();
    await earlier;
    try {
      const after = await sharedAccountPage(repA, query);
      expect(after.rows[0]!.employeeCount).toBe(777_777);
      expect(after).toEqual(await listAccounts(repA, query));
    } finally {
      await db.account.update({ where: { id: account!.id }, data: { employeeCount: account!.employeeCount } });
    }
  });

  test("a stamp read prunes past writers' rows, and the stamp holds across the prune", async () => {
    const first = await sharedTierOptions();
    await db.$executeRawUnsafe("INSERT INTO data_changes (xid) SELECT g FROM generate_series(1, 600) g ON CONFLICT DO NOTHING");
    // The 600 rows stand for committed writers the entry did not see: read again once, then kept.
    const second = await sharedTierOptions();
    expect(second).not.toBe(first);
    const [count] = await db.$queryRaw<{ rows: number }[]>`SELECT count(*)::int AS rows FROM data_changes`;
    expect(count!.rows).toBeLessThan(600);
    expect(await sharedTierOptions()).toBe(second);
  });

  test("are not kept while a live recompute is pending", async () => {
    const [account] = await db.account.findMany({ take: 1, select: { id: true } });
    await db.pendingRecompute.create({ data: { accountId: account!.id, detail: "test write" } });
    try {
      const first = await sharedSegments(manager);
      expect(await sharedSegments(manager)).not.toBe(first);
      expect(await sharedSegments(manager)).toEqual(first);
    } finally {
      await db.pendingRecompute.deleteMany({});
    }
    const kept = await sharedSegments(manager);
    expect(await sharedSegments(manager)).toBe(kept);
  });

  test("since the last visit: shared rows only while the window holds the same ledger rows and dismissals", async () => {
    const [account] = await db.account.findMany({ where: { ownerId: repA.id }, take: 1, select: { id: true } });
    // Ten minutes into this hour: the default window starts 7 days before the hour began. An hour
    // later (`later`) is after every ledger row so far, so the dismissal below is not cut short.
    const now = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 + 10 * 60_000);
    // A ledger row 5 s inside the window: in it all hour, out of it an hour later.
    const edge = new Date(defaultSince(now).getTime() + 5_000);
    expect(defaultSince(now).getTime()).toBe(now.getTime() - 10 * 60_000 - 7 * 86_400_000);
    await db.membershipEvent.create({ data: { accountId: account!.id, at: edge, scope: "SEGMENT", change: "LEFT", reason: "DATA_CHANGE", detail: "edge", segmentId: cloudId } });
    const hasEdge = (changes: Awaited<ReturnType<typeof getSinceLastVisit>>) => changes!.groups.some((g) => g.reasonText.endsWith("edge"));

    const first = await getSinceLastVisit(repA, null, now, { shared: true });
    expect(first).toEqual(await getSinceLastVisit(repA, null, now));
    expect(hasEdge(first)).toBe(true);
    const sameHour = await getSinceLastVisit(repA, null, new Date(now.getTime() + 40 * 60_000), { shared: true });
    expect(sameHour!.since).toEqual(first!.since);
    expect(hasEdge(sameHour)).toBe(true);
    const later = new Date(now.getTime() + 60 * 60_000);
    const second = await getSinceLastVisit(repA, null, later, { shared: true });
    expect(second).toEqual(await getSinceLastVisit(repA, null, later));
    expect(hasEdge(second)).toBe(false);

    const group = second!.groups[0]!;
    await dismissChangeGroup(repA, group.key, group.newestAt, later);
    const third = await getSinceLastVisit(repA, null, later, { shared: true });
    expect(third).toEqual(await getSinceLastVisit(repA, null, later));
    expect(third!.groups.map((g) => g.key)).not.toContain(group.key);
  });

  test("the accounts list shares its count per visibility and filters, and reads it again after a reassignment", async () => {
    const list = (actor: Actor, search = "", shared = false) => listAccounts(actor, loadAccountQuery(new URLSearchParams(search)), { shared });
    for (const actor of [repA, repB, manager]) {
      for (const search of ["", "sort=name&dir=desc", `segment=${cloudId}`, "q=zzz-no-such-account"]) {
        expect(await list(actor, search, true)).toEqual(await list(actor, search));
      }
    }
    expect((await list(repA, "", true)).total).toBe(2);
    const [moved] = await db.account.findMany({ where: { ownerId: repB.id }, take: 1, select: { id: true } });
    await db.account.update({ where: { id: moved!.id }, data: { ownerId: repA.id } });
    expect((await list(repA, "", true)).total).toBe(3);
    expect((await list(repA, "page=1&sort=ltv", true)).rows.length).toBe(3);
    await db.account.update({ where: { id: moved!.id }, data: { ownerId: repB.id } });
  });

  test("the account page's lookups equal their loaders and follow a publish", async () => {
    expect(await sharedPublishedRules()).toEqual(await loadPublishedRules(db));
    expect(await sharedScoring()).toEqual(await loadScoring(db));
    expect(await sharedPublishedPlays()).toEqual(await loadPublishedPlays(db));
    expect(await sharedAudienceNames()).toEqual(await loadAudienceNames());
    expect((await sharedSegmentLooks()).get(cloudId)).toMatchObject({ kind: expect.any(String), color: expect.any(String) });
    const names = (await sharedPublishedRules()).segments.map((s) => s.name);
    await publishSegment("On premise", hostingRule("p", "ON_PREMISE"));
    await recomputeAll(db, { reason: "RULE_PUBLISHED" });
    expect((await sharedPublishedRules()).segments.map((s) => s.name)).toEqual([...names, "On premise"]);
    expect(await sharedPublishedRules()).toEqual(await loadPublishedRules(db));
  });
});
