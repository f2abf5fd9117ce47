import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { intArrayLiteral } from "@/lib/db/bulk-values";
import type { AccountFacts } from "@/lib/segmentation/facts";
import { FIELD_LIST } from "@/lib/segmentation/fields";
import { NON_RESPONSE_OUTCOMES } from "@/lib/segmentation/options";

/** Any client that can read these tables: the app's client or a transaction. */
export type FactsReader = Pick<Db, "$queryRaw">;

/** Ids per query: memory stays bounded. */
const CHUNK = 10_000;

/**
 * The facts' own columns, from the field registry: every field the evaluator reads as a property
 * of the account that is stored in a column of `accounts`, under the field's key. JSON carries
 * each as the evaluator wants it: numbers (money included: numeric prints exactly, JSON.parse
 * rounds as Decimal#toNumber does), dates as "YYYY-MM-DD" (the columns are `date`), enums as
 * their names; an absent tag list as none.
 */
const OWN_COLUMNS = Prisma.raw(
  FIELD_LIST.flatMap((field) => {
    if (field.facts.kind !== "property" || field.sql.kind !== "column") return [];
    const column = `a."${field.sql.column}"`;
    return [`${field.type === "tags" ? `COALESCE(${column}, '{}')` : column} AS "${field.key}"`];
  }).join(", "),
);

/**
 * The evaluator's view of accounts (lib/segmentation/facts.ts): one statement per chunk of ids,
 * each account as one JSON text with its technologies (by technology id) and the channels it
 * responded on (in the enum's order, once each). One value per account for Prisma: its model
 * queries cost ~1 ms of Node CPU each in the query compiler, and its per-value mapping more than
 * PostgreSQL's work at this size (the account page reads one account per view).
 * Unknown ids are simply absent from the result.
 */
export async function loadAccountFacts(db: FactsReader, accountIds: readonly number[]): Promise<Map<number, AccountFacts>> {
  const facts = new Map<number, AccountFacts>();
  const ids = [...new Set(accountIds)];
  for (let start = 0; start < ids.length; start += CHUNK) {
    const rows = await db.$queryRaw<{ r: string }[]>`
      SELECT row_to_json(f)::text AS r FROM (
        SELECT a.id, ${OWN_COLUMNS},
          COALESCE((SELECT json_agg(x.channel ORDER BY x.channel) FROM (
            SELECT DISTINCT c.channel FROM campaign_responses c
            WHERE c.account_id = a.id AND c.outcome::text <> ALL(${[...NON_RESPONSE_OUTCOMES]}::text[])) x), '[]') AS "respondedChannels",
          COALESCE((SELECT json_agg(json_build_object('technologyId', t.technology_id, 'category', tech.category,
              'firstDetectedAt', t.first_detected_at, 'lastDetectedAt', t.last_detected_at) ORDER BY t.technology_id)
            FROM account_technologies t JOIN technologies tech ON tech.id = t.technology_id WHERE t.account_id = a.id), '[]') AS technologies
        FROM accounts a WHERE a.id = ANY(${intArrayLiteral(ids.slice(start, start + CHUNK))}::int[])
      ) f`;
    for (const row of rows) {
      const account = JSON.parse(row.r) as AccountFacts;
      facts.set(account.id, account);
    }
  }
  return facts;
}

