/**
 * /today: the rep's day plan (ranking, capacity, filters, outcomes and snoozes, whose book),
 * "since your last visit" (grouping, reasons, dismissal) and the actions behind the page,
 * each refused to the roles and users that may not use it.
 */
import fc from "fast-check";
import Papa from "papaparse";
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { clearSharedAggregates } from "@/lib/data/aggregate-cache";
import { db } from "@/lib/db/client";
import { createPlay } from "@/lib/data/plays/editor";
import { publishPlay } from "@/lib/data/plays/publish";
import { createSegment, publishSegment, saveSegmentDraft } from "@/lib/data/rules/segments";
import { publishTierScheme, saveTierSchemeDraft } from "@/lib/data/rules/tier-scheme";
import type { PlayOutcomeKind } from "@/lib/generated/prisma/enums";
import { EMPTY_AUDIENCE, type PlayDefinition } from "@/lib/plays/definition";
import { addDays, toIsoDate } from "@/lib/segmentation/dates";
import { formatDate } from "@/lib/utils/format";
import type { RuleGroup } from "@/lib/segmentation/rule";
import { loadTodayQuery, type TodayQuery } from "@/lib/validation/today-query";
import { createAccount, createUser } from "../support/fixtures";
import { resetDatabase } from "../support/reset-db";
import { session, sessionModuleMock } from "../support/session-mock";

vi.mock("@/lib/auth/session", () => sessionModuleMock());
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { getWorklist } = await import("@/lib/data/plays/worklist");
const { getSinceLastVisit } = await import("@/lib/data/plays/changes");
const { setDailyCapacityAction, dismissChangeGroupAction, dismissAllChangesAction } = await import("@/lib/actions/today");
const { GET: exportCsv } = await import("@/app/(app)/today/export/route");

let admin: SessionUser;
let manager: SessionUser;
let rep1: SessionUser;
let rep2: SessionUser;
const acc: Record<string, number> = {};
const play: Record<string, number> = {};
let cloudSegment = 0;
const NASTY = '=HYPERLINK("http://evil")';
const today = toIsoDate(new Date());
const dayAt = (offset: number) => new Date(`${addDays(today, offset)}T00:00:00Z`);

const rule = (id: string, field: string, operator: string, value: unknown): RuleGroup =>
  ({ kind: "group", op: "and", children: [{ kind: "condition", id, field, operator, value }] }) as RuleGroup;

const definition = (name: string, overrides: Partial<PlayDefinition>): PlayDefinition => ({
  name,
  goal: `${name} goal`,
  kind: "UPSELL",
  audience: EMPTY_AUDIENCE,
  pitch: "Call {{name}}.",
  talkingPoints: [],
  channel: "EMAIL",
  priority: 50,
  startsOn: null,
  endsOn: null,
  ...overrides,
});

const query = (search = ""): TodayQuery => loadTodayQuery(new URLSearchParams(search));
const pairsOf = async (actor: SessionUser, search = "") =>
  (await getWorklist(actor, query(search))).items.map((i) => `${i.account.name}/${i.play.name}`);

async function outcome(account: string, playKey: string, kind: PlayOutcomeKind, at: Date, snoozeUntil?: string) {
  await db.playOutcome.create({
    data: { accountId: acc[account]!, playId: play[playKey]!, playVersion: 1, userId: rep1.id, kind, at, snoozeUntil: snoozeUntil ? new Date(`${snoozeUntil}T00:00:00Z`) : null },
  });
}

beforeAll(async () => {
  await resetDatabase();
  admin = await createUser("ADMIN", "admin@test.local", "Ada Admin");
  manager = await createUser("MANAGER", "manager@test.local", "Max Manager");
  rep1 = await createUser("REP", "rep1@test.local", "Rita Rep");
  rep2 = await createUser("REP", "rep2@test.local", "Sam Rep");
  const accounts: [string, number, "CLOUD" | "ON_PREMISE", string][] = [
    ["Alpha", 500_000, "CLOUD", rep1.id],
    ["Bravo", 300_000, "ON_PREMISE", rep1.id],
    ["Charlie", 50_000, "CLOUD", rep1.id],
    ["Delta", 20_000, "ON_PREMISE", rep1.id],
    [NASTY, 1_000, "CLOUD", rep1.id],
    ["Zulu", 900_000, "CLOUD", rep2.id],
  ];
  for (const [name, lifetimeValue, hostingPreference, ownerId] of accounts) {
    acc[name === NASTY ? "Nasty" : name] = await createAccount({ name, lifetimeValue, hostingPreference, ownerId });
  }
  await db.campaignResponse.createMany({
    data: [
      { accountId: acc.Bravo!, campaign: "Spring webinar", channel: "WEBINAR", respondedAt: dayAt(-30), outcome: "REGISTERED" },
      { accountId: acc.Bravo!, campaign: "Newsletter", channel: "EMAIL", respondedAt: dayAt(-40), outcome: "OPENED" },
      // Outside the 24-month window the account page uses too: not evidence any more.
      { accountId: acc.Bravo!, campaign: "Old event", channel: "EVENT", respondedAt: dayAt(-800), outcome: "CONVERTED" },
    ],
  });

  const scheme = {
    tiers: [
      { key: "top", name: "Top tier", color: "#4f46e5", rule: rule("t", "lifetimeValue", "gte", 100_000) },
      { key: "mid", name: "Mid tier", color: "#0284c7", rule: rule("m", "lifetimeValue", "gte", 10_000) },
    ],
  };
  const { revision } = await saveTierSchemeDraft(admin, scheme, 0);
  await publishTierScheme(admin, { baseRevision: revision, note: "First scheme" });

  cloudSegment = (await createSegment(admin, { name: "Cloud hosted", description: "", kind: "TECHNOGRAPHIC", color: "#10b981" })).id;
  await saveSegmentDraft(admin, cloudSegment, {
    details: { name: "Cloud hosted", description: "", kind: "TECHNOGRAPHIC", color: "#10b981" },
    rule: rule("c", "hostingPreference", "any_of", ["CLOUD"]),
    baseRevision: 0,
  });
  await publishSegment(admin, cloudSegment, { baseRevision: 1, note: "Cloud accounts" });

  const plays: [string, string, Partial<PlayDefinition>][] = [
    ["big", "Big review", { audience: { ...EMPTY_AUDIENCE, tiers: ["top"] }, priority: 80, channel: "BEST", pitch: "Hello {{name}}, you have spent {{lifetimeValue}} with us." }],
    ["all", "Everyone", { audience: { ...EMPTY_AUDIENCE, rule: rule("a", "lifetimeValue", "gte", 1) }, priority: 40, pitch: "First line for {{name}}\nSecond line" }],
    ["mid", "Mid push", { audience: { ...EMPTY_AUDIENCE, tiers: ["mid"] }, priority: 90, channel: "PHONE", kind: "CROSS_SELL" }],
  ];
  for (const [key, name, overrides] of plays) {
    play[key] = (await createPlay(admin, definition(name, overrides))).id;
    await publishPlay(admin, play[key]!, { baseRevision: 0, note: `Launch ${name}` });
  }
  // Scores set by hand so the ranking inside a tier is known (nothing recomputes them below).
  const scores: Record<string, number> = { Alpha: 40, Bravo: 70, Charlie: 10, Delta: 90, Nasty: 99, Zulu: 50 };
  for (const [name, score] of Object.entries(scores)) {
    await db.accountSegmentation.update({ where: { accountId: acc[name]! }, data: { priorityScore: score } });
  }
});
afterAll(() => db.$disconnect());
beforeEach(() => {
  session.user = null;
});

const RANKED = [
  "Bravo/Big review",
  "Bravo/Everyone",
  "Alpha/Big review",
  "Alpha/Everyone",
  "Delta/Mid push",
  "Delta/Everyone",
  "Charlie/Mid push",
  "Charlie/Everyone",
  `${NASTY}/Everyone`,
];

describe("the day plan", () => {
  test("ranked by tier, then score, then play priority; the rest of the book is counted", async () => {
    expect(await pairsOf(rep1)).toEqual(RANKED);
    await db.user.update({ where: { id: rep1.id }, data: { dailyCapacity: 4 } });
    const list = await getWorklist(rep1, query());
    expect(list.items.map((i) => `${i.account.name}/${i.play.name}`)).toEqual(RANKED.slice(0, 4));
    expect(list).toMatchObject({ capacity: 4, open: 9, inAudience: 9 });
    expect(list.plays.map((p) => p.name)).toEqual(["Big review", "Everyone", "Mid push"]);
    await db.user.update({ where: { id: rep1.id }, data: { dailyCapacity: 20 } });
  });

  test("each item carries the account, the play, the rendered pitch's first line and the channel with its evidence", async () => {
    const [bravoBig, bravoAll] = (await getWorklist(rep1, query())).items;
    expect(bravoBig).toMatchObject({
      account: { id: acc.Bravo, name: "Bravo", domain: "bravo.example.com", tier: { name: "Top tier", color: "#4f46e5" }, score: 70, lifetimeValue: 300_000 },
      play: { id: play.big, name: "Big review", kind: "UPSELL", goal: "Big review goal", priority: 80 },
      pitch: "Hello Bravo, you have spent $300,000 with us.",
      channel: { label: "Webinar", best: true },
    });
    expect(bravoBig?.channel.evidence).toBe(`Webinar: 1 response, 1 registered, last ${formatDate(dayAt(-30))}`);
    expect(bravoAll).toMatchObject({ pitch: "First line for Bravo", channel: { label: "Email", evidence: null, best: false } });
  });

  test("filters by play, tier and segment", async () => {
    expect(await pairsOf(rep1, `play=${play.mid}`)).toEqual(["Delta/Mid push", "Charlie/Mid push"]);
    expect(await pairsOf(rep1, "tier=mid")).toEqual(["Delta/Mid push", "Delta/Everyone", "Charlie/Mid push", "Charlie/Everyone"]);
    expect(await pairsOf(rep1, `segment=${cloudSegment}&play=${play.all}`)).toEqual(["Alpha/Everyone", "Charlie/Everyone", `${NASTY}/Everyone`]);
    expect(await getWorklist(rep1, query("tier=top&play=" + play.mid))).toMatchObject({ items: [], open: 0, inAudience: 0 });
  });

  test("a rep sees only their own book, whatever ?rep names; managers and admins pick an active rep", async () => {
    const asRep = await getWorklist(rep1, query(`rep=${rep2.id}`));
    expect(asRep.viewer).toMatchObject({ rep: { id: rep1.id }, own: true, canEditCapacity: true });
    expect(asRep.items.every((i) => i.account.name !== "Zulu")).toBe(true);
    expect(await pairsOf(rep2, `rep=${rep1.id}`)).toEqual(["Zulu/Big review", "Zulu/Everyone"]);

    const managerView = await getWorklist(manager, query(`rep=${rep2.id}`));
    expect(managerView.viewer).toMatchObject({ rep: { id: rep2.id, name: "Sam Rep" }, own: false, canEditCapacity: false });
    expect(managerView.items.map((i) => i.account.name)).toEqual(["Zulu", "Zulu"]);
    expect((await getWorklist(admin, query(`rep=${rep1.id}`))).viewer).toMatchObject({ own: false, canEditCapacity: true });
    expect(await getWorklist(manager, query())).toMatchObject({ viewer: { rep: null, repNotFound: false }, items: [] });
    expect((await getWorklist(manager, query(`rep=${manager.id}`))).viewer).toMatchObject({ rep: null, repNotFound: true });
  });

  test("the page's shared plan equals the plan, per rep and filter, and follows a new outcome at once", async () => {
    clearSharedAggregates();
    const shared = (actor: SessionUser, search = "") => getWorklist(actor, query(search), new Date(), { shared: true });
    const views: [SessionUser, string][] = [[rep1, ""], [rep2, ""], [manager, `rep=${rep1.id}`], [rep1, "tier=mid"], [rep1, `play=${play.mid}`]];
    for (const [actor, search] of views) expect(await shared(actor, search)).toEqual(await getWorklist(actor, query(search)));
    // Reused, and a manager looking at rep1's plan shares rep1's entry.
    const first = await shared(rep1);
    expect((await shared(rep1)).items).toBe(first.items);
    expect((await shared(manager, `rep=${rep1.id}`)).items).toBe(first.items);

    await outcome("Charlie", "all", "CONTACTED", new Date());
    const after = await shared(rep1);
    expect(after.items.map((i) => `${i.account.name}/${i.play.name}`)).toEqual(RANKED.filter((p) => p !== "Charlie/Everyone"));
    expect(after).toEqual(await getWorklist(rep1, query()));
    await db.playOutcome.deleteMany({ where: { accountId: acc.Charlie!, playId: play.all! } });
  });

  test("the newest outcome decides: any outcome removes the pair, a snooze until its date", async () => {
    const hourAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
    await outcome("Alpha", "big", "CONTACTED", hourAgo(1));
    await outcome("Bravo", "all", "SNOOZED", hourAgo(1), addDays(today, 1));
    await outcome("Charlie", "mid", "SNOOZED", hourAgo(1), addDays(today, -1));
    await outcome("Delta", "all", "WON", hourAgo(3));
    await outcome("Delta", "all", "SNOOZED", hourAgo(2), addDays(today, -1));
    await outcome("Delta", "mid", "SNOOZED", hourAgo(3), addDays(today, -1));
    await outcome("Delta", "mid", "CONTACTED", hourAgo(2));
    await outcome("Nasty", "all", "SNOOZED", hourAgo(1), today);
    const list = await getWorklist(rep1, query());
    expect(list.items.map((i) => `${i.account.name}/${i.play.name}`)).toEqual([
      "Bravo/Big review",
      "Alpha/Everyone",
      "Delta/Everyone",
      "Charlie/Mid push",
      "Charlie/Everyone",
      `${NASTY}/Everyone`,
    ]);
    expect(list).toMatchObject({ open: 6, inAudience: 9 });
  });

  test("the CSV export is the day plan on screen, formula-safe; signed out gets the JSON 401", async () => {
    const get = (search = "") => exportCsv(new Request(`http://localhost/today/export${search}`), { params: Promise.resolve({}) });
    expect((await get()).status).toBe(401);
    session.user = rep1;
    const response = await get(`?rep=${rep2.id}&play=${play.all}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="tierwise-today-rita-rep-\d{4}-\d{2}-\d{2}\.csv"$/);
    const rows = Papa.parse<string[]>((await response.text()).replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(["Rank", "Account ID", "Account", "Domain", "Tier", "Score", "Lifetime value", "Play", "Kind", "Play priority", "Channel", "Channel evidence", "Pitch"]);
    expect(rows.slice(1).map((r) => r[2])).toEqual(["Alpha", "Delta", "Charlie", `'${NASTY}`]);
    expect(rows[1]).toEqual(["1", String(acc.Alpha), "Alpha", "alpha.example.com", "Top tier", "40", "500000", "Everyone", "Upsell", "40", "Email", "", "First line for Alpha"]);
    session.user = manager;
    expect((await get()).status).toBe(404);
    expect(await db.auditLog.count({ where: { action: "EXPORT", target: "today worklist" } })).toBe(1);
  });
});

describe("since your last visit", () => {
  const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);
  let topTier = 0;

  async function ledger(account: string, at: Date, entry: { scope: string; change: string; reason: string; detail?: string; tierId?: number; segmentId?: number; playId?: number }) {
    await db.membershipEvent.create({ data: { accountId: acc[account]!, at, ...entry } });
  }

  beforeAll(async () => {
    await db.membershipEvent.deleteMany();
    topTier = (await db.tier.findUniqueOrThrow({ where: { key: "top" } })).id;
    const tierPublish = { scope: "TIER", change: "ENTERED", reason: "RULE_PUBLISHED", detail: "Tier scheme v3: Raise the bar", tierId: topTier };
    const [hourAgo, twoHoursAgo] = [ago(60), ago(120)];
    for (const name of ["Alpha", "Bravo", "Zulu"]) await ledger(name, hourAgo, tierPublish);
    for (const name of ["Charlie", "Delta"]) await ledger(name, twoHoursAgo, { scope: "PLAY", change: "LEFT", reason: "DATA_CHANGE", playId: play.big });
    for (const [i, name] of ["Alpha", "Bravo", "Charlie", "Delta", "Nasty"].entries()) {
      await ledger(name, ago(180 + i), { scope: "SEGMENT", change: "ENTERED", reason: "IMPORT", detail: "Import of q3.csv", segmentId: cloudSegment });
    }
    await ledger("Alpha", ago(60 * 24 * 10), { scope: "SEGMENT", change: "LEFT", reason: "DATA_CHANGE", segmentId: cloudSegment });
  });

  test("groups the rep's ledger of the last 7 days by what happened and why, newest first", async () => {
    const changes = await getSinceLastVisit(rep1, null);
    expect(changes).toMatchObject({ sinceIsDefault: true, readOnly: false, moreGroups: 0 });
    expect(changes?.groups.map((g) => [g.scope, g.change, g.target.name, g.accounts, g.reasonText])).toEqual([
      ["TIER", "ENTERED", "Top tier", 2, "Rule published: Tier scheme v3: Raise the bar"],
      ["PLAY", "LEFT", "Big review", 2, "Data change"],
      ["SEGMENT", "ENTERED", "Cloud hosted", 5, "Import: Import of q3.csv"],
    ]);
    const [tier, left, segment] = changes!.groups;
    expect(tier?.target.color).toBe("#4f46e5");
    // A few of the group's accounts, by name (only the rep's: Zulu is rep 2's).
    expect(tier?.sample).toEqual([{ id: acc.Alpha, name: "Alpha" }, { id: acc.Bravo, name: "Bravo" }]);
    expect(left?.sample.map((a) => a.name)).toEqual(["Charlie", "Delta"]);
    const names = segment!.sample.map((a) => a.name);
    expect(names).toHaveLength(3);
    expect(names).toEqual([...names].sort());
    expect(names.every((n) => ["Alpha", "Bravo", "Charlie", "Delta", NASTY].includes(n))).toBe(true);
  });

  test("a manager reads the rep's changes without dismissing; a rep never reads another's", async () => {
    const asManager = await getSinceLastVisit(manager, rep1.id);
    expect(asManager?.readOnly).toBe(true);
    expect(asManager?.groups.map((g) => g.accounts)).toEqual([2, 2, 5]);
    expect(await getSinceLastVisit(manager, null)).toBeNull();
    const rep2Sees = await getSinceLastVisit(rep2, rep1.id);
    expect(rep2Sees?.groups.map((g) => [g.target.name, g.sample.map((s) => s.name)])).toEqual([["Top tier", ["Zulu"]]]);
  });

  test("dismissing a group hides what was seen; newer entries of the same kind show again", async () => {
    const tierGroup = (await getSinceLastVisit(rep1, null))!.groups[0]!;
    session.user = rep1;
    expect(await dismissChangeGroupAction(tierGroup.key, tierGroup.newestAt.toISOString())).toEqual({ ok: true, data: null });
    expect((await getSinceLastVisit(rep1, null))?.groups.map((g) => g.scope)).toEqual(["PLAY", "SEGMENT"]);
    // Rep 2's view of the same kind of change is their own: untouched.
    expect((await getSinceLastVisit(rep2, null))?.groups).toHaveLength(1);
    await ledger("Charlie", ago(1), { scope: "TIER", change: "ENTERED", reason: "RULE_PUBLISHED", detail: "Tier scheme v3: Raise the bar", tierId: topTier });
    const again = (await getSinceLastVisit(rep1, null))!.groups[0]!;
    expect([again.key, again.accounts, again.sample.map((s) => s.name)]).toEqual([tierGroup.key, 1, ["Charlie"]]);
  });

  test("an account that entered twice in the window counts once", async () => {
    const twice = { scope: "SEGMENT", change: "ENTERED", reason: "DATA_CHANGE", detail: "Daily refresh", segmentId: cloudSegment };
    await ledger("Alpha", ago(30), twice);
    await ledger("Alpha", ago(20), twice);
    // A second group spanning two refreshes, with two accounts: each group gets its own count.
    const left = { ...twice, change: "LEFT", detail: "Daily refresh" };
    await ledger("Bravo", ago(26), left);
    await ledger("Charlie", ago(25), left);
    await ledger("Bravo", ago(15), left);
    const groups = (await getSinceLastVisit(rep1, null))!.groups.filter((g) => g.reasonText === "Data change: Daily refresh");
    expect(groups.map((g) => [g.change, g.accounts, g.sample.map((s) => s.name)])).toEqual([
      ["LEFT", 2, ["Bravo", "Charlie"]],
      ["ENTERED", 1, ["Alpha"]],
    ]);
  });

  test("dismiss all starts the next visit now", async () => {
    session.user = rep1;
    expect(await dismissAllChangesAction()).toEqual({ ok: true, data: null });
    const after = await getSinceLastVisit(rep1, null);
    expect(after).toMatchObject({ sinceIsDefault: false, groups: [] });
    await ledger("Delta", new Date(Date.now() + 1000), { scope: "SEGMENT", change: "LEFT", reason: "DATA_CHANGE", segmentId: cloudSegment });
    expect((await getSinceLastVisit(rep1, null))?.groups.map((g) => [g.change, g.target.name, g.accounts])).toEqual([["LEFT", "Cloud hosted", 1]]);
  });
});

describe("today actions × roles", () => {
  const capacityForm = (capacity: string) => {
    const form = new FormData();
    form.set("capacity", capacity);
    return form;
  };
  const capacityOf = async (user: SessionUser) => (await db.user.findUniqueOrThrow({ where: { id: user.id } })).dailyCapacity;

  test("signed out: every action is refused", async () => {
    expect(await setDailyCapacityAction(rep1.id, null, capacityForm("10"))).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(await dismissChangeGroupAction("TIER:ENTERED:1:IMPORT:", new Date().toISOString())).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(await dismissAllChangesAction()).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
  });

  test("dismissing is for reps (their own page); managers and admins only read", async () => {
    for (const user of [manager, admin]) {
      session.user = user;
      expect(await dismissChangeGroupAction("TIER:ENTERED:1:IMPORT:", new Date().toISOString())).toMatchObject({ ok: false, code: "FORBIDDEN" });
      expect(await dismissAllChangesAction()).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    session.user = rep1;
    expect(await dismissChangeGroupAction("not a key", new Date().toISOString())).toMatchObject({ ok: false, code: "INVALID" });
  });

  test("a rep sets their own capacity (1-200, the error next to the field), never another rep's", async () => {
    session.user = rep1;
    expect(await setDailyCapacityAction(rep1.id, null, capacityForm("0"))).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { capacity: "Enter a whole number from 1 to 200." } });
    expect(await setDailyCapacityAction(rep1.id, null, capacityForm("2.5"))).toMatchObject({ ok: false, fieldErrors: { capacity: expect.any(String) } });
    expect(await setDailyCapacityAction(rep1.id, null, capacityForm("201"))).toMatchObject({ ok: false, code: "INVALID" });
    expect(await setDailyCapacityAction(rep1.id, null, capacityForm(" 35 "))).toEqual({ ok: true, data: { dailyCapacity: 35 } });
    expect(await capacityOf(rep1)).toBe(35);
    expect(await setDailyCapacityAction(rep2.id, null, capacityForm("5"))).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await capacityOf(rep2)).toBe(20);
  });

  test("an admin sets anyone's capacity; a manager cannot", async () => {
    session.user = manager;
    expect(await setDailyCapacityAction(rep2.id, null, capacityForm("5"))).toMatchObject({ ok: false, code: "FORBIDDEN" });
    session.user = admin;
    expect(await setDailyCapacityAction(rep2.id, null, capacityForm("50"))).toEqual({ ok: true, data: { dailyCapacity: 50 } });
    expect(await capacityOf(rep2)).toBe(50);
    expect(await setDailyCapacityAction("no-such-user", null, capacityForm("50"))).toMatchObject({ ok: false, code: "NOT_FOUND" });
    const audit = await db.auditLog.findFirst({ where: { action: "USER_UPDATED", target: "rep2@test.local" } });
    expect(audit?.details).toEqual({ userId: rep2.id, dailyCapacity: { from: 20, to: 50 } });
  });

  test("malformed input never causes a server error", async () => {
    session.user = rep1;
    const before = await capacityOf(rep1);
    await fc.assert(
      fc.asyncProperty(fc.anything(), fc.anything(), fc.oneof(fc.string(), fc.integer().map(String), fc.constant("1e2")), async (key, upTo, capacity) => {
        const results = [
          await dismissChangeGroupAction(key as string, upTo as string),
          await setDailyCapacityAction(key as string, null, capacityForm(capacity)),
        ];
        for (const result of results) if (!result.ok) expect(result.error).not.toMatch(/Something went wrong/);
      }),
      { numRuns: 60 },
    );
    expect(await capacityOf(rep1)).toBe(before);
  });
});
