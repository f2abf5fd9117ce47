/**
 * Plays on the account page: the recommended plays with why (tier, segments, whitespace, the
 * extra rule's trace) and the pitch rendered for the account; recording outcomes (owner-scoped in
 * the data layer, validated per field, audited, shown in the history and on the play); the
 * account's whitespace, which must agree with what the recompute stored.
 */
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { recomputeAll } from "@/lib/db/membership/recompute-all";
import { explainAccount, type TraceView } from "@/lib/data/explain";
import type { OutcomeHistoryEntry } from "@/lib/data/membership-history";
import { createPlay } from "@/lib/data/plays/editor";
import { NOT_IN_AUDIENCE, recordOutcome } from "@/lib/data/plays/outcomes";
import { publishPlay } from "@/lib/data/plays/publish";
import { getRecommendedPlays } from "@/lib/data/plays/recommendations";
import { publishTierScheme, saveTierSchemeDraft } from "@/lib/data/rules/tier-scheme";
import { getAccountWhitespace } from "@/lib/data/whitespace";
import type { Prisma } from "@/lib/generated/prisma/client";
import { EMPTY_AUDIENCE, type PlayDefinition } from "@/lib/plays/definition";
import { addDays, toIsoDate } from "@/lib/segmentation/dates";
import type { RuleGroup } from "@/lib/segmentation/rule";
import { createAccount, createUser, publishSegment } from "../support/fixtures";
import { resetDatabase } from "../support/reset-db";
import { session, sessionModuleMock } from "../support/session-mock";

vi.mock("@/lib/auth/session", () => sessionModuleMock());
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { recordPlayOutcome } = await import("@/lib/actions/play-outcomes");

let repA: SessionUser;
let repB: SessionUser;
let manager: SessionUser;
let admin: SessionUser;
let acme: number;
let segmentId: number;
const plays: Record<string, number> = {};
const peers: number[] = [];

const rule = (...children: RuleGroup["children"]): RuleGroup => ({ kind: "group", op: "and", children });
/** A rule as the JSON column stores it. */
const json = (value: RuleGroup) => value as unknown as Prisma.InputJsonValue;
const hosting = (id: string, value: string) => ({ kind: "condition" as const, id, field: "hostingPreference" as const, operator: "any_of" as const, value: [value] });

const definition = (overrides: Partial<PlayDefinition>): PlayDefinition => ({
  name: "Play",
  goal: "A goal",
  kind: "MIGRATION",
  audience: EMPTY_AUDIENCE,
  pitch: "Hello {{name}}.",
  talkingPoints: [],
  channel: "EMAIL",
  priority: 50,
  startsOn: null,
  endsOn: null,
  ...overrides,
});

async function publish(def: PlayDefinition): Promise<number> {
  const { id } = await createPlay(admin, def);
  await publishPlay(admin, id, { baseRevision: 0, note: `Launch ${def.name}` });
  return id;
}

const conditions = (nodes: TraceView[]): Extract<TraceView, { kind: "condition" }>[] =>
  nodes.flatMap((n) => (n.kind === "condition" ? [n] : conditions(n.children)));

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};

const today = toIsoDate(new Date());

beforeAll(async () => {
  await resetDatabase();
  [repA, repB, manager, admin] = await Promise.all([
    createUser("REP", "rep-a@test.local", "Rep One"),
    createUser("REP", "rep-b@test.local", "Rep Two"),
    createUser("MANAGER", "manager@test.local"),
    createUser("ADMIN", "admin@test.local"),
  ]);
  const tech = async (name: string, category: "ERP" | "CRM" | "MARKETING_AUTOMATION") => (await db.technology.create({ data: { name, vendor: name, category } })).id;
  const [sap, salesforce, hubspot] = [await tech("SAP S/4HANA", "ERP"), await tech("Salesforce", "CRM"), await tech("HubSpot", "MARKETING_AUTOMATION")];

  // Tier 1 Software: Acme (on-premise, ERP only) and five cloud peers; four of the six run
  // marketing automation and five run a CRM, so both are Acme's whitespace.
  acme = await createAccount({ name: "Acme <Industries>", lifetimeValue: 480_000, ownerId: repA.id, hostingPreference: "ON_PREMISE" });
  for (let i = 0; i < 5; i++) peers.push(await createAccount({ name: `Peer ${i}`, lifetimeValue: 200_000, ownerId: repB.id }));
  await createAccount({ name: "Small", lifetimeValue: 1_000, ownerId: repA.id });
  const detected = { firstDetectedAt: new Date("2025-01-01"), lastDetectedAt: new Date("2026-01-01"), confidence: 0.9 };
  await db.accountTechnology.createMany({
    data: [
      { accountId: acme, technologyId: sap, ...detected },
      ...peers.map((accountId) => ({ accountId, technologyId: salesforce, ...detected })),
      ...peers.slice(0, 4).map((accountId) => ({ accountId, technologyId: hubspot, ...detected })),
    ],
  });
  const daysAgo = (n: number) => new Date(`${addDays(today, -n)}T00:00:00Z`);
  await db.campaignResponse.createMany({
    data: [
      { accountId: acme, campaign: "Cloud ERP webinar", channel: "WEBINAR", respondedAt: daysAgo(40), outcome: "REGISTERED" },
      { accountId: acme, campaign: "Cloud ERP webinar", channel: "WEBINAR", respondedAt: daysAgo(30), outcome: "ATTENDED" },
      { accountId: acme, campaign: "Newsletter", channel: "EMAIL", respondedAt: daysAgo(10), outcome: "OPENED" },
    ],
  });

  const scheme = { tiers: [{ key: "top", name: "Tier 1", color: "#4f46e5", rule: rule({ kind: "condition", id: "t", field: "lifetimeValue", operator: "gte", value: 100_000 }) }] };
  const { revision } = await saveTierSchemeDraft(admin, scheme, 0);
  await publishTierScheme(admin, { baseRevision: revision, note: "First scheme" });
  const erpRule = rule({ kind: "condition", id: "s", field: "technologies", operator: "in_category", value: ["ERP"] });
  segmentId = await publishSegment("ERP users", erpRule, { color: "#f59e0b", note: "First", publishedById: admin.id });
  await recomputeAll(db, { reason: "RULE_PUBLISHED", detail: "Segments" });

  plays.migration = await publish(
    definition({
      name: "Cloud ERP migration",
      goal: "Move on-premise ERP to our cloud",
      audience: { ...EMPTY_AUDIENCE, tiers: ["top"], segmentsAll: [segmentId], rule: rule(hosting("h", "ON_PREMISE")) },
      pitch: "{{name}} has spent {{lifetimeValue}} with us.\nMove {{technologies.ERP}} to the cloud.",
      talkingPoints: ["{{tier}} customers get a migration credit"],
      channel: "BEST",
      priority: 80,
    }),
  );
  plays.analytics = await publish(definition({ name: "Analytics add-on", kind: "CROSS_SELL", audience: { ...EMPTY_AUDIENCE, segmentsAny: [segmentId] }, priority: 80 }));
  plays.bundle = await publish(definition({ name: "Marketing automation bundle", kind: "CROSS_SELL", audience: { ...EMPTY_AUDIENCE, whitespace: ["MARKETING_AUTOMATION"] }, priority: 60 }));
  plays.cloud = await publish(definition({ name: "Cloud expansion", kind: "EXPANSION", audience: { ...EMPTY_AUDIENCE, tiers: ["top"], rule: rule(hosting("c", "CLOUD")) }, priority: 90 }));
});
afterAll(() => db.$disconnect());
beforeEach(() => {
  session.user = null;
});

describe("recommended plays", () => {
  test("only the plays the account is in, by priority then name, each with why, the rendered pitch and the channel", async () => {
    const result = await getRecommendedPlays(repA, acme);
    expect(result?.plays.map((p) => p.play.name)).toEqual(["Analytics add-on", "Cloud ERP migration", "Marketing automation bundle"]);

    const migration = result!.plays[1]!;
    expect(migration.play).toMatchObject({ id: plays.migration, version: 1, kind: "MIGRATION", kindLabel: "Migration", priority: 80, goal: "Move on-premise ERP to our cloud" });
    expect(migration.why.matchesNow).toBe(true);
    expect(migration.why.tiers).toEqual({ ok: true, chips: [{ label: "Tier 1", color: "#4f46e5", has: true }] });
    expect(migration.why.segmentsAll).toEqual({ ok: true, chips: [{ label: "ERP users", color: "#f59e0b", has: true }] });
    expect(migration.why.segmentsAny).toBeNull();
    expect(migration.why.whitespace).toBeNull();
    expect(conditions(migration.why.rule!.children)).toEqual([expect.objectContaining({ passed: true, actual: "On-premise", description: "Hosting preference is On-premise" })]);
    expect(migration.why.audience).toContain("Tier 1");
    // Money formatted as everywhere in the UI; account data quoted verbatim (React escapes it).
    expect(migration.pitch).toBe("Acme <Industries> has spent $480,000 with us.\nMove SAP S/4HANA to the cloud.");
    expect(migration.talkingPoints).toEqual(["Tier 1 customers get a migration credit"]);
    expect(migration.channel.fixed).toBe(false);
    expect(migration.channel.label).toBe("Webinar");
    expect(migration.channel.evidence[0]).toMatch(/^Webinar: 2 responses, 1 attended, 1 registered, last /);
    expect(migration.latestOutcome).toBeNull();

    const bundle = result!.plays[2]!;
    expect(bundle.why.whitespace).toEqual({ ok: true, chips: [{ label: "Marketing automation", color: "#f59e0b", has: true }] });
    expect(bundle.why.rule).toBeNull();
    expect(bundle.channel).toEqual({ label: "Email", fixed: true, evidence: [], note: null });
  });

  test("a rep sees only their own accounts' plays; managers and admins see any", async () => {
    expect(await getRecommendedPlays(repB, acme)).toBeNull();
    expect(await getRecommendedPlays(repA, 999_999)).toBeNull();
    for (const actor of [manager, admin]) expect((await getRecommendedPlays(actor, acme))?.plays).toHaveLength(3);
    expect((await getRecommendedPlays(repB, peers[0]!))?.plays.map((p) => p.play.name)).toEqual(["Cloud expansion"]);
  });
});

describe("recording outcomes", () => {
  test("a rep recording on another rep's account gets NOT_FOUND and nothing is written", async () => {
    const attempt = recordOutcome(repB, { accountId: acme, playId: plays.migration!, outcome: { kind: "CONTACTED", reason: null } });
    await expect(attempt).rejects.toMatchObject({ code: "NOT_FOUND" });
    session.user = repB;
    expect(await recordPlayOutcome(acme, plays.migration!, null, form({ kind: "CONTACTED" }))).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await db.playOutcome.count()).toBe(0);
    expect(await db.auditLog.count({ where: { action: "PLAY_OUTCOME_RECORDED" } })).toBe(0);
  });

  test("a play the account is not in is refused with a clear message", async () => {
    const attempt = recordOutcome(repA, { accountId: acme, playId: plays.cloud!, outcome: { kind: "CONTACTED", reason: null } });
    await expect(attempt).rejects.toMatchObject({ code: "INVALID", message: NOT_IN_AUDIENCE });
    expect(await db.playOutcome.count()).toBe(0);
  });

  test("bad input gets a message next to its field, and nothing is written", async () => {
    session.user = repA;
    const call = (fields: Record<string, string>) => recordPlayOutcome(acme, plays.migration!, null, form(fields));
    const notANumber = await call({ kind: "WON", amount: "lots" });
    expect(notANumber).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { amount: expect.stringContaining("is not a number") } });
    expect(await call({ kind: "WON", amount: "0" })).toMatchObject({ fieldErrors: { amount: "The amount won must be more than $0." } });
    const past = await call({ kind: "SNOOZED", until: addDays(today, -1) });
    expect(past).toMatchObject({ ok: false, fieldErrors: { until: expect.stringContaining("after today") } });
    expect(await call({ kind: "SNOOZED", until: today })).toMatchObject({ fieldErrors: { until: expect.stringContaining("after today") } });
    expect(await call({ kind: "LOST" })).toMatchObject({ ok: false, fieldErrors: { reason: "Say why it was lost." } });
    expect(await call({ kind: "NOT_A_FIT", reason: " no " })).toMatchObject({ fieldErrors: { reason: expect.stringContaining("at least 3 characters") } });
    expect(await call({ kind: "MAYBE" })).toMatchObject({ fieldErrors: { kind: "Choose an outcome." } });
    expect(await db.playOutcome.count()).toBe(0);
  });

  test("random form input is refused or recorded, never a server error", async () => {
    session.user = repA;
    const before = await db.playOutcome.count();
    let recorded = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({ kind: fc.constantFrom("CONTACTED", "WON", "LOST", "SNOOZED", "x", ""), amount: fc.string(), reason: fc.string(), until: fc.string() }, { requiredKeys: ["kind"] }),
        async (fields) => {
          const result = await recordPlayOutcome(acme, plays.analytics!, null, form(fields));
          if (result.ok) recorded += 1;
          else expect(result.code).toBe("INVALID");
        },
      ),
      { numRuns: 60 },
    );
    expect(await db.playOutcome.count()).toBe(before + recorded);
    await db.playOutcome.deleteMany({ where: { playId: plays.analytics } });
  });

  test("the owner records an outcome: stored with the version, tier and segments, audited, shown on the play", async () => {
    session.user = repA;
    const result = await recordPlayOutcome(acme, plays.migration!, null, form({ kind: "MEETING_BOOKED", reason: "Call with the CIO" }));
    expect(result).toMatchObject({ ok: true, data: { accountId: acme, message: "Recorded: meeting booked." } });
    const row = await db.playOutcome.findFirstOrThrow({ where: { accountId: acme, playId: plays.migration } });
    const stored = await db.accountSegmentation.findUniqueOrThrow({ where: { accountId: acme } });
    expect(row).toMatchObject({ kind: "MEETING_BOOKED", playVersion: 1, userId: repA.id, reason: "Call with the CIO", amount: null, tierId: stored.tierId, segmentIds: [segmentId] });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "PLAY_OUTCOME_RECORDED" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ actorId: repA.id, target: 'account "Acme <Industries>" × play "Cloud ERP migration" v1' });

    const won = await recordPlayOutcome(acme, plays.bundle!, null, form({ kind: "WON", amount: "$48,000" }));
    expect(won.ok).toBe(true);
    const recommended = await getRecommendedPlays(repA, acme);
    const byName = new Map(recommended!.plays.map((p) => [p.play.name, p.latestOutcome]));
    expect(byName.get("Cloud ERP migration")).toMatchObject({ kind: "MEETING_BOOKED", label: "Meeting booked", by: "Rep One", reason: "Call with the CIO" });
    expect(byName.get("Marketing automation bundle")).toMatchObject({ kind: "WON", amount: 48_000, by: "Rep One" });
  });

  test("a manager may record on any account; a snooze stores its date", async () => {
    const until = addDays(today, 14);
    await recordOutcome(manager, { accountId: acme, playId: plays.migration!, outcome: { kind: "SNOOZED", until } });
    const latest = (await getRecommendedPlays(repA, acme))!.plays.find((p) => p.play.id === plays.migration)!.latestOutcome;
    expect(latest).toMatchObject({ kind: "SNOOZED", snoozeUntil: until, by: "manager" });
  });

  test("outcomes appear in the account's history, newest first, with the play ledger entries", async () => {
    const history = (await explainAccount(repA, acme))!.history;
    const times = history.map((h) => h.at.getTime());
    expect([...times].sort((x, y) => y - x)).toEqual(times);
    const outcomes = history.filter((h): h is OutcomeHistoryEntry => h.scope === "OUTCOME");
    expect(outcomes.map((o) => [o.outcomeLabel, o.play.name, o.by])).toEqual([
      ["Snoozed", "Cloud ERP migration", "manager"],
      ["Won", "Marketing automation bundle", "Rep One"],
      ["Meeting booked", "Cloud ERP migration", "Rep One"],
    ]);
    expect(outcomes[0]?.detail).toMatch(/^Snoozed until /);
    expect(outcomes[1]?.detail).toBe("Amount won: $48,000");
    expect(outcomes[2]?.detail).toBe("Call with the CIO");
    const entered = history.find((h) => h.scope === "PLAY" && h.play?.id === plays.migration);
    expect(entered).toMatchObject({ change: "ENTERED", play: { name: "Cloud ERP migration" }, reason: "RULE_PUBLISHED", ruleVersion: 1, detail: "Play Cloud ERP migration v1: Launch Cloud ERP migration" });
  });
});

describe("whitespace", () => {
  test("the peer comparison in sentences, and the ideal profile's categories", async () => {
    await db.scoringConfig.create({
      data: { id: 1, idealProfile: json(rule({ kind: "condition", id: "ip", field: "technologies", operator: "in_category", value: ["ANALYTICS", "ERP"] })) },
    });
    const ws = await getAccountWhitespace(repA, acme);
    expect(ws?.peers).toEqual({ industry: "Software", tierName: "Tier 1", accounts: 6 });
    expect(ws?.peerGaps.map((g) => [g.category, g.peersWith, g.peers])).toEqual([
      ["CRM", 5, 6],
      ["MARKETING_AUTOMATION", 4, 6],
    ]);
    expect(ws?.peerGaps[1]?.sentence).toBe("67% of Tier 1 Software accounts run marketing automation; this account does not");
    expect(ws?.profileGaps.map((g) => g.category)).toEqual(["ANALYTICS"]);
    expect(await getAccountWhitespace(repB, acme)).toBeNull();
  });

  test("equals the whitespace the recompute stored, for every account", async () => {
    const stored = await db.accountSegmentation.findMany({ select: { accountId: true, whitespace: true } });
    expect(stored.find((s) => s.accountId === acme)?.whitespace).toEqual(["CRM", "MARKETING_AUTOMATION"]);
    for (const { accountId, whitespace } of stored) {
      const computed = await getAccountWhitespace(admin, accountId);
      expect(computed!.peerGaps.map((g) => g.category).sort(), `account ${accountId}`).toEqual([...whitespace].sort());
    }
  });

  test("after a data change and its recompute, the peers are counted again", async () => {
    const hubspot = await db.technology.findFirstOrThrow({ where: { name: "HubSpot" } });
    await db.accountTechnology.deleteMany({ where: { technologyId: hubspot.id, accountId: { in: peers.slice(0, 2) } } });
    await recomputeAll(db, { reason: "DATA_CHANGE" });
    expect((await db.accountSegmentation.findUniqueOrThrow({ where: { accountId: acme } })).whitespace).toEqual(["CRM"]);
    const ws = await getAccountWhitespace(repA, acme);
    expect(ws?.peerGaps.map((g) => [g.category, g.peersWith])).toEqual([["CRM", 5]]);
  });
});

describe("recordPlayOutcome × roles", () => {
  test("signed out is refused, and nothing is written", async () => {
    const before = await db.playOutcome.count();
    expect(await recordPlayOutcome(acme, plays.migration!, null, form({ kind: "CONTACTED" }))).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(await db.playOutcome.count()).toBe(before);
  });

  test("every role may record on an account it can see", async () => {
    for (const user of [repA, manager, admin]) {
      session.user = user;
      expect(await recordPlayOutcome(acme, plays.analytics!, null, form({ kind: "CONTACTED" }))).toMatchObject({ ok: true });
    }
  });

  test("ids that cannot exist are refused without a server error", async () => {
    session.user = admin;
    expect(await recordPlayOutcome(0, plays.migration!, null, form({ kind: "CONTACTED" }))).toMatchObject({ ok: false, code: "INVALID" });
    expect(await recordPlayOutcome(acme, 999_999, null, form({ kind: "CONTACTED" }))).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });
});
