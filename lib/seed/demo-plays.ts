/**
 * The demo's plays across the tier x technographic matrix, published as version 1 with the demo
 * rules, and a few weeks of outcomes so /admin/plays has something to show. Deterministic: the
 * same seed and day give the same outcomes.
 */
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { EMPTY_AUDIENCE, playDefinitionSchema, type PlayAudience, type PlayDefinition } from "@/lib/plays/definition";
import type { OutcomeKind } from "@/lib/plays/kinds";
import { addDays, toIsoDate } from "@/lib/segmentation/dates";
import type { RuleGroup, RuleNode } from "@/lib/segmentation/rule";
import { hashSeed, Random, type Weighted } from "./random";

const cond = (id: string, field: string, operator: string, value: unknown = null) => ({ kind: "condition", id, field, operator, value }) as unknown as RuleNode;
const all = (...children: RuleNode[]): RuleGroup => ({ kind: "group", op: "and", children });

type DemoPlay = Omit<PlayDefinition, "audience" | "startsOn" | "endsOn"> & { audience: (segment: (name: string) => number) => Partial<PlayAudience> };

const PLAYS: DemoPlay[] = [
  {
    name: "Cloud ERP migration offer",
    goal: "Move Tier 1-2 accounts off on-premise ERP onto our cloud suite",
    kind: "MIGRATION",
    audience: (s) => ({ tiers: ["strategic", "growth"], segmentsAll: [s("On-premise ERP laggards")] }),
    pitch:
      "{{name}} still runs {{technologies.ERP}} on its own servers. Teams in {{industry}} that moved to our cloud ERP cut upgrade work by a third; with {{lifetimeValue}} spent with us already, {{name}} qualifies for the migration credit.",
    talkingPoints: ["Migration credit and a fixed-price move for Tier 1-2 accounts", "No more upgrade weekends: {{technologies.ERP}} stays readable during the move", "Reference customers in {{industry}}"],
    channel: "BEST",
    priority: 90,
  },
  {
    name: "CRM integration bundle",
    goal: "Sell the marketing-automation connector to cloud CRM users who lack one",
    kind: "CROSS_SELL",
    audience: (s) => ({ segmentsAll: [s("Cloud CRM users")], whitespace: ["MARKETING_AUTOMATION"] }),
    pitch: "{{name}} runs {{technologies.CRM}} in the cloud but no marketing automation, unlike most of its peers. Our connector turns {{technologies.CRM}} data into campaigns in a day.",
    talkingPoints: ["Most {{industry}} peers already automate campaigns", "Two-way sync with {{technologies.CRM}}", "Bundle price for {{tier}} accounts"],
    channel: "EMAIL",
    priority: 70,
  },
  {
    name: "Protect: executive check-in",
    goal: "Keep heavy users who are slipping: an executive call before renewal",
    kind: "RETENTION",
    audience: (s) => ({ tiers: ["strategic", "growth"], segmentsAll: [s("Heavy users at risk of churn")] }),
    pitch: "{{name}} has spent {{lifetimeValue}} with us and uses us heavily, but its last order was {{daysSinceLastOrder}} days ago. Offer an executive check-in to hear what changed.",
    talkingPoints: ["Thank them for {{orderCount}} orders", "Ask what changed since {{lastOrderAt}}", "Offer a success review with their account team"],
    channel: "PHONE",
    priority: 95,
  },
  {
    name: "Security add-on for cloud buyers",
    goal: "Upsell the security pack to larger cloud-first accounts that care about security",
    kind: "UPSELL",
    audience: (s) => ({ segmentsAll: [s("Security-minded cloud buyers")], rule: all(cond("p4-emp", "employeeCount", "gte", 500)) }),
    pitch: "{{name}} ({{employeeCount}} employees) says security matters most and hosts in the cloud: the security pack adds SSO, audit trails and data residency for {{region}}.",
    talkingPoints: ["SSO and audit trail in one step", "Data residency in {{region}}"],
    channel: "WEBINAR",
    priority: 60,
  },
  {
    name: "Early-access programme",
    goal: "Invite Mac-first early adopters to try new releases first",
    kind: "EXPANSION",
    audience: (s) => ({ segmentsAny: [s("Mac-first early adopters")] }),
    pitch: "{{name}} adopts new technology early ({{techAdoption}}) and runs a {{devicePreference}} fleet: invite them to the early-access programme.",
    talkingPoints: ["Beta builds a month early", "Direct line to the product team"],
    channel: "EVENT",
    priority: 40,
  },
  {
    name: "Win back quiet repeat buyers",
    goal: "Reach Tier 3 accounts that bought more than once and went quiet",
    kind: "RETENTION",
    audience: () => ({ tiers: ["nurture"], rule: all(cond("p6-orders", "orderCount", "gte", 2), cond("p6-quiet", "daysSinceLastOrder", "gt", 270)) }),
    pitch: "{{name}} ordered {{orderCount}} times but not since {{lastOrderAt}}. A short note with what is new since then often brings repeat buyers back.",
    talkingPoints: ["What is new since {{lastOrderAt}}", "A returning-customer discount"],
    channel: "BEST",
    priority: 30,
  },
];

const json = (value: unknown) => value as Prisma.InputJsonValue;

/** Create and publish the demo plays as version 1 (memberships follow with the recompute). */
export async function createDemoPlays(db: Db, options: { publishedById: string | null }): Promise<void> {
  const segments = await db.segment.findMany({ select: { id: true, name: true } });
  const byName = new Map(segments.map((s) => [s.name, s.id]));
  const segment = (name: string) => {
    const found = byName.get(name);
    if (found === undefined) throw new Error(`demo plays: segment "${name}" does not exist`);
    return found;
  };
  for (const demo of PLAYS) {
    const parsed = playDefinitionSchema().safeParse({ ...demo, audience: { ...EMPTY_AUDIENCE, ...demo.audience(segment) }, startsOn: null, endsOn: null });
    if (!parsed.success) throw new Error(`demo play "${demo.name}" is invalid: ${parsed.error.issues[0]?.message}`);
    const definition = json(parsed.data);
    await db.play.create({
      data: {
        name: demo.name,
        draft: definition,
        revision: 1,
        publishedVersion: 1,
        updatedById: options.publishedById,
        versions: { create: { version: 1, definition, note: "Demo plays", publishedById: options.publishedById } },
      },
    });
  }
}

const OUTCOMES: Weighted<OutcomeKind> = [
  ["CONTACTED", 34],
  ["MEETING_BOOKED", 24],
  ["WON", 16],
  ["LOST", 10],
  ["NOT_A_FIT", 8],
  ["SNOOZED", 8],
];
const LOST_REASONS = ["Chose a competitor", "No budget this year", "Timing: revisit after their fiscal year", "Went with their incumbent vendor"];
const NOT_A_FIT_REASONS = ["Already evaluating something similar", "Too small for this offer", "Different decision maker: passed on"];

/**
 * Outcomes over the four weeks before `asOf` for a share of the (account, play) pairs, recorded
 * by the account's owner with the tier and segments the account has.
 */
export async function createDemoOutcomes(db: Db, options: { asOf: Date; seed: string | number; share?: number }): Promise<number> {
  const pairs = await db.$queryRaw<{ account_id: number; play_id: number; owner_id: string | null; tier_id: number | null; segment_ids: number[] }[]>`
    SELECT r.account_id, x.play_id, a.owner_id, r.tier_id, COALESCE(r.segment_ids, '{}') AS segment_ids
    FROM account_segmentation r JOIN accounts a ON a.id = r.account_id CROSS JOIN LATERAL unnest(r.play_ids) AS x(play_id)
    WHERE a.owner_id IS NOT NULL ORDER BY r.account_id, x.play_id`;
  const random = new Random(hashSeed(`${options.seed}:outcomes`));
  const day = toIsoDate(options.asOf);
  const rows: Prisma.PlayOutcomeCreateManyInput[] = [];
  for (const pair of pairs) {
    if (!random.chance(options.share ?? 0.22)) continue;
    const kind = random.weighted(OUTCOMES);
    const at = new Date(`${addDays(day, -random.int(1, 28))}T${String(random.int(8, 17)).padStart(2, "0")}:${String(random.int(0, 59)).padStart(2, "0")}:00Z`);
    rows.push({
      accountId: pair.account_id,
      playId: pair.play_id,
      playVersion: 1,
      userId: pair.owner_id,
      kind,
      amount: kind === "WON" ? Math.round(random.logNormal(9.8, 0.7) / 100) * 100 : null,
      reason: kind === "LOST" ? random.pick(LOST_REASONS) : kind === "NOT_A_FIT" ? random.pick(NOT_A_FIT_REASONS) : null,
      snoozeUntil: kind === "SNOOZED" ? new Date(`${addDays(day, random.int(3, 30))}T00:00:00Z`) : null,
      tierId: pair.tier_id,
      segmentIds: pair.segment_ids,
      at,
    });
  }
  for (let start = 0; start < rows.length; start += 5_000) await db.playOutcome.createMany({ data: rows.slice(start, start + 5_000) });
  return rows.length;
}
