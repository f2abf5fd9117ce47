import { textArrayLiteral } from "@/lib/db/bulk-values";
import type { AccountRow, RowError } from "../rows";
import { columnOf, dropLines, type StageSpec } from "./types";

/** Tags travel as one string per row (unnest cannot take an array of arrays); this never occurs in a tag. */
const TAG_SEPARATOR = "\u001f";

/**
 * What a new account gets for a column the file does not fill. Shown on the mapping screen
 * (lib/import/kinds.ts defaultText); name, industry, country and region have no default.
 */
export const ACCOUNT_DEFAULTS = {
  employee_count: "0",
  annual_revenue: "0",
  potential: "0",
  loyalty_status: "'NEW'",
  usage_rate: "'NONE'",
  journey_stage: "'AWARENESS'",
  hosting_preference: "'CLOUD'",
  device_preference: "'MIXED'",
  tech_adoption: "'EARLY_MAJORITY'",
  benefits_sought: "'{}'::text[]",
} as const;

/** Columns written by an accounts import, in one order for staging, upsert and comparison. */
const COLUMNS = [
  "name",
  "industry",
  "country",
  "region",
  "employee_count",
  "annual_revenue",
  "owner_id",
  "potential",
  "loyalty_status",
  "usage_rate",
  "journey_stage",
  "benefits_sought",
  "hosting_preference",
  "device_preference",
  "tech_adoption",
] as const;

/** Each staged column's value of a row, in the order of the insert's unnest parameters. */
const STAGED_VALUES: readonly ((row: AccountRow) => string | number | null)[] = [
  (r) => r.line,
  (r) => r.domain,
  (r) => r.name,
  (r) => r.industry,
  (r) => r.country,
  (r) => r.region,
  (r) => r.employeeCount,
  (r) => r.annualRevenue,
  (r) => r.ownerId,
  (r) => r.potential,
  (r) => r.loyaltyStatus,
  (r) => r.usageRate,
  (r) => r.journeyStage,
  (r) => (r.benefitsSought ? r.benefitsSought.join(TAG_SEPARATOR) : null),
  (r) => r.hostingPreference,
  (r) => r.devicePreference,
  (r) => r.techAdoption,
];

export const accountsStage: StageSpec<AccountRow> = {
  async create(tx) {
    await tx.$executeRawUnsafe(`CREATE TEMP TABLE import_stage (
      line int PRIMARY KEY,
      domain text NOT NULL UNIQUE,
      name text, industry text, country text, region "Region",
      employee_count int, annual_revenue numeric(16,2), owner_id text, potential numeric(14,2),
      loyalty_status "LoyaltyStatus", usage_rate "UsageRate", journey_stage "JourneyStage", benefits_sought text[],
      hosting_preference "HostingPreference", device_preference "DevicePreference", tech_adoption "TechAdoption"
    ) ON COMMIT DROP`);
  },

  async insert(write, rows) {
    if (rows.length === 0) return;
    // Each column as one literal (lib/db/bulk-values.ts): as arrays, Prisma's conversion of every
    // value took 0.9 s of 1.5 s for 100,000 rows.
    await write(
      `INSERT INTO import_stage (line, domain, ${COLUMNS.join(", ")})
       SELECT line, domain, name, industry, country, region, employee_count, annual_revenue, owner_id, potential,
              loyalty_status, usage_rate, journey_stage, string_to_array(benefits, E'\\x1f'),
              hosting_preference, device_preference, tech_adoption
       FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]::"Region"[], $7::int[],
                   $8::numeric[], $9::text[], $10::numeric[], $11::text[]::"LoyaltyStatus"[], $12::text[]::"UsageRate"[],
                   $13::text[]::"JourneyStage"[], $14::text[], $15::text[]::"HostingPreference"[],
                   $16::text[]::"DevicePreference"[], $17::text[]::"TechAdoption"[])
         AS u(line, domain, name, industry, country, region, employee_count, annual_revenue, owner_id, potential,
              loyalty_status, usage_rate, journey_stage, benefits, hosting_preference, device_preference, tech_adoption)`,
      STAGED_VALUES.map((pick) => textArrayLiteral(rows.map(pick))),
    );
  },

  /** A new account needs a name, an industry, a country and a region (an existing one keeps its own). */
  async check(tx, ctx) {
    const rows = await tx.$queryRawUnsafe<{ line: number; domain: string; name: string | null; industry: string | null; country: string | null; region: string | null }[]>(
      `SELECT s.line, s.domain, s.name, s.industry, s.country, s.region::text AS region FROM import_stage s
       WHERE (s.name IS NULL OR s.industry IS NULL OR s.country IS NULL OR s.region IS NULL)
         AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.domain = s.domain)
       ORDER BY s.line`,
    );
    const errors: RowError[] = [];
    for (const row of rows) {
      const need = (key: string, label: string, what: string) =>
        errors.push({
          line: row.line,
          column: columnOf(ctx, key, label),
          value: null,
          reason: ctx.mapping.fields[key]
            ? `is empty; ${what} is needed to create the new account ${row.domain}`
            : `${what} is needed to create the new account ${row.domain}: map a column to ${label}`,
        });
      if (row.name === null) need("name", "Name", "a name");
      if (row.industry === null) need("industry", "Industry", "an industry");
      if (row.country === null) need("country", "Country", "a country");
      else if (row.region === null) {
        errors.push({
          line: row.line,
          // Reported where the admin can act: the Region column when there is one, else the country.
          column: ctx.mapping.fields.region ? columnOf(ctx, "region", "Region") : columnOf(ctx, "country", "Country"),
          value: row.country,
          reason: `'${row.country}' is not a country Tierwise knows, so the region of the new account ${row.domain} is needed: ${
            ctx.mapping.fields.region ? "fill in its Region" : "map a column to Region"
          }`,
        });
      }
    }
    await dropLines(tx, errors);
    return errors;
  },

  // Every row updates or creates one account (domains are unique in the stage).
  writtenSql: "SELECT line FROM import_stage",

  /**
   * The staged rows whose domain is no account's yet (`import_new`), read ahead of apply, which
   * completes blank cells from the row it updates (or the defaults). Read in a statement of its
   * own so that the insert does not look for its domains in `accounts` itself: with `accounts`
   * analysed empty (the first import after every account was deleted) the planner scanned the
   * whole table once per new row, each scan walking every account inserted so far
   * (tests/integration/insert-anti-join.test.ts).
   */
  async fill(tx) {
    await tx.$executeRawUnsafe(`CREATE TEMP TABLE import_new ON COMMIT DROP AS
      SELECT s.line FROM import_stage s WHERE NOT EXISTS (SELECT 1 FROM accounts e WHERE e.domain = s.domain)`);
    await tx.$executeRawUnsafe("ANALYZE import_new");
    return [];
  },

  metricsSource: null,

  /**
   * Two set-based writes in one statement: existing accounts are updated through a join with the
   * stage (each row locked as it is updated), only when a value differs; new ones are inserted in
   * line order with the defaults and their metrics as of the import's day (an account without
   * orders or events has the metric columns' defaults), so no second write of the same rows
   * follows. Which rows are new was read by fill: ON CONFLICT covers an account someone else
   * created since then (it is updated like an existing one); an account deleted since then is not
   * created again.
   */
  async apply(tx, ctx) {
    const list = COLUMNS.join(", ");
    // A blank cell keeps the account's current value: read from the row being updated (the
    // latest version, should another transaction have changed it since this one began).
    const merged = COLUMNS.map((c) => `COALESCE(s.${c}, a.${c})`);
    const withDefaults = COLUMNS.map((c) => (c in ACCOUNT_DEFAULTS ? `COALESCE(s.${c}, ${ACCOUNT_DEFAULTS[c as keyof typeof ACCOUNT_DEFAULTS]})` : `s.${c}`));
    const current = `(${COLUMNS.map((c) => `a.${c}`).join(", ")})`;
    const [row] = await tx.$queryRawUnsafe<{ created: number; updated: number }[]>(
      `WITH changed AS (
         UPDATE accounts AS a SET ${COLUMNS.map((c, i) => `${c} = ${merged[i]}`).join(", ")}, updated_at = now()
         FROM import_stage s
         WHERE a.domain = s.domain AND ${current} IS DISTINCT FROM (${merged.join(", ")})
           -- A row fill found new is the insert's, even if someone created its account since.
           AND NOT EXISTS (SELECT 1 FROM import_new n WHERE n.line = s.line)
         RETURNING a.id, false AS created
       ), inserted AS (
         INSERT INTO accounts AS a (domain, ${list}, metrics_as_of)
         SELECT s.domain, ${withDefaults.join(", ")}, $1::date FROM import_stage s JOIN import_new n ON n.line = s.line
         ORDER BY s.line
         ON CONFLICT (domain) DO UPDATE SET ${COLUMNS.map((c) => `${c} = EXCLUDED.${c}`).join(", ")}, updated_at = now()
         WHERE ${current} IS DISTINCT FROM (${COLUMNS.map((c) => `EXCLUDED.${c}`).join(", ")})
         RETURNING a.id, (a.xmax = 0) AS created
       ), touched AS (
         INSERT INTO import_touched (account_id, created)
         SELECT id, created FROM changed UNION ALL SELECT id, created FROM inserted
         RETURNING created
       )
       SELECT count(*) FILTER (WHERE created)::int AS created, count(*) FILTER (WHERE NOT created)::int AS updated FROM touched`,
      ctx.today,
    );
    return { created: Number(row?.created ?? 0), updated: Number(row?.updated ?? 0) };
  },
};
