import { ACCOUNT_ATTRIBUTES } from "@/lib/db/account-attributes";
import type { Db } from "@/lib/db/client";
import { toIsoDate } from "@/lib/segmentation/dates";
import type { AccountFacts, TechnologyFact } from "@/lib/segmentation/facts";
import { NON_RESPONSE_OUTCOMES } from "@/lib/segmentation/options";

/** Any client that can read these tables: the app's client or a transaction. */
export type FactsReader = Pick<Db, "account" | "accountTechnology" | "campaignResponse">;

/** Ids per query: far below PostgreSQL's bind-parameter limit, and memory stays bounded. */
const CHUNK = 10_000;

/**
 * The evaluator's view of accounts (lib/segmentation/facts.ts), in three set-based queries per
 * chunk of ids: accounts, their technologies, and the channels they responded on.
 * Unknown ids are simply absent from the result.
 */
export async function loadAccountFacts(db: FactsReader, accountIds: number[]): Promise<Map<number, AccountFacts>> {
  const facts = new Map<number, AccountFacts>();
  const ids = [...new Set(accountIds)];
  for (let start = 0; start < ids.length; start += CHUNK) {
    await loadChunk(db, ids.slice(start, start + CHUNK), facts);
  }
  return facts;
}

async function loadChunk(db: FactsReader, ids: number[], into: Map<number, AccountFacts>): Promise<void> {
  const [accounts, technologies, responses] = await Promise.all([
    db.account.findMany({
      where: { id: { in: ids } },
      select: { ...ACCOUNT_ATTRIBUTES, ownerId: true },
    }),
    db.accountTechnology.findMany({
      where: { accountId: { in: ids } },
      select: {
        accountId: true,
        technologyId: true,
        firstDetectedAt: true,
        lastDetectedAt: true,
        technology: { select: { category: true } },
      },
      orderBy: [{ accountId: "asc" }, { technologyId: "asc" }],
    }),
    db.campaignResponse.findMany({
      where: { accountId: { in: ids }, outcome: { notIn: [...NON_RESPONSE_OUTCOMES] } },
      select: { accountId: true, channel: true },
      distinct: ["accountId", "channel"],
      orderBy: [{ accountId: "asc" }, { channel: "asc" }],
    }),
  ]);

  const techByAccount = groupBy(technologies, (row) => row.accountId, (row): TechnologyFact => ({
    technologyId: row.technologyId,
    category: row.technology.category,
    firstDetectedAt: isoDate(row.firstDetectedAt),
    lastDetectedAt: isoDate(row.lastDetectedAt),
  }));
  const channelsByAccount = groupBy(responses, (row) => row.accountId, (row): string => row.channel);

  for (const a of accounts) {
    into.set(a.id, {
      id: a.id,
      name: a.name,
      domain: a.domain,
      industry: a.industry,
      country: a.country,
      region: a.region,
      employeeCount: a.employeeCount,
      annualRevenue: a.annualRevenue.toNumber(),
      owner: a.ownerId,
      lifetimeValue: a.lifetimeValue.toNumber(),
      orderCount: a.orderCount,
      avgOrderValue: a.avgOrderValue.toNumber(),
      orders12m: a.orders12m,
      firstOrderAt: a.firstOrderAt ? isoDate(a.firstOrderAt) : null,
      lastOrderAt: a.lastOrderAt ? isoDate(a.lastOrderAt) : null,
      potential: a.potential.toNumber(),
      loyaltyStatus: a.loyaltyStatus,
      usageRate: a.usageRate,
      engagement30d: a.engagement30d,
      engagement90d: a.engagement90d,
      engagementScore: a.engagementScore,
      journeyStage: a.journeyStage,
      // The column is nullable in SQL (Prisma lists are); an absent list has no tags.
      benefitsSought: a.benefitsSought ?? [],
      respondedChannels: channelsByAccount.get(a.id) ?? [],
      technologies: techByAccount.get(a.id) ?? [],
      hostingPreference: a.hostingPreference,
      devicePreference: a.devicePreference,
      techAdoption: a.techAdoption,
    });
  }
}

/** Prisma returns `date` columns as UTC midnight, so the UTC day is the stored date. */
const isoDate = toIsoDate;

function groupBy<Row, Item>(rows: readonly Row[], key: (row: Row) => number, item: (row: Row) => Item): Map<number, Item[]> {
  const groups = new Map<number, Item[]>();
  for (const row of rows) {
    const list = groups.get(key(row));
    if (list) list.push(item(row));
    else groups.set(key(row), [item(row)]);
  }
  return groups;
}
