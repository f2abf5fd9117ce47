import type { RowError, TechnologyRow } from "../rows";
import { columnOf, countTouched, dropLines, resolveAccounts, type StageSpec } from "./types";

/** Confidence of a detection the file does not qualify: it says the technology is there. */
export const DEFAULT_CONFIDENCE = 1;

export const technologiesStage: StageSpec<TechnologyRow> = {
  async create(tx) {
    await tx.$executeRawUnsafe(`CREATE TEMP TABLE import_stage (
      line int PRIMARY KEY, domain text NOT NULL, account_id int, technology_id int NOT NULL,
      first_detected_at date, last_detected_at date, confidence float8, existing boolean NOT NULL DEFAULT false
    ) ON COMMIT DROP`);
  },

  async insert(tx, rows) {
    if (rows.length === 0) return;
    await tx.$executeRawUnsafe(
      `INSERT INTO import_stage (line, domain, technology_id, first_detected_at, last_detected_at, confidence)
       SELECT * FROM unnest($1::int[], $2::text[], $3::int[], $4::date[], $5::date[], $6::float8[])`,
      rows.map((r) => r.line),
      rows.map((r) => r.domain),
      rows.map((r) => r.technologyId),
      rows.map((r) => r.firstDetectedAt),
      rows.map((r) => r.lastDetectedAt),
      rows.map((r) => r.confidence),
    );
  },

  async check(tx, ctx) {
    const errors = await resolveAccounts(tx, ctx);
    if (errors.length) await tx.$executeRawUnsafe("DELETE FROM import_stage WHERE account_id IS NULL");
    return errors;
  },

  candidatesSql: "SELECT DISTINCT account_id FROM import_stage",

  /**
   * Blank cells keep the detection's current values; a new detection was last seen on the day of
   * the import unless the file says otherwise, first seen when last seen, with full confidence.
   * A file that moves only one of the two dates can put them in the wrong order: reported.
   */
  async fill(tx, ctx) {
    await tx.$executeRawUnsafe(
      `UPDATE import_stage s SET existing = true,
         first_detected_at = COALESCE(s.first_detected_at, t.first_detected_at),
         last_detected_at = COALESCE(s.last_detected_at, t.last_detected_at),
         confidence = COALESCE(s.confidence, t.confidence)
       FROM account_technologies t WHERE t.account_id = s.account_id AND t.technology_id = s.technology_id`,
    );
    await tx.$executeRawUnsafe(
      `UPDATE import_stage SET last_detected_at = COALESCE(last_detected_at, GREATEST($1::date, first_detected_at)),
         confidence = COALESCE(confidence, $2::float8) WHERE NOT existing`,
      ctx.today,
      DEFAULT_CONFIDENCE,
    );
    await tx.$executeRawUnsafe("UPDATE import_stage SET first_detected_at = COALESCE(first_detected_at, last_detected_at)");
    const reversed = await tx.$queryRawUnsafe<{ line: number; first: string; last: string }[]>(
      `SELECT line, first_detected_at::text AS first, last_detected_at::text AS last FROM import_stage
       WHERE first_detected_at > last_detected_at ORDER BY line`,
    );
    const errors: RowError[] = reversed.map((r) => ({
      line: r.line,
      column: columnOf(ctx, "firstDetectedAt", "First detected"),
      value: r.first,
      reason: `first detected ${r.first} would come after last detected ${r.last}`,
    }));
    await dropLines(tx, errors);
    return errors;
  },

  async apply(tx) {
    return countTouched(
      tx,
      `WITH up AS (
         INSERT INTO account_technologies AS t (account_id, technology_id, first_detected_at, last_detected_at, confidence)
         SELECT account_id, technology_id, first_detected_at, last_detected_at, confidence FROM import_stage ORDER BY line
         ON CONFLICT (account_id, technology_id) DO UPDATE
           SET first_detected_at = EXCLUDED.first_detected_at, last_detected_at = EXCLUDED.last_detected_at, confidence = EXCLUDED.confidence
         WHERE (t.first_detected_at, t.last_detected_at, t.confidence)
           IS DISTINCT FROM (EXCLUDED.first_detected_at, EXCLUDED.last_detected_at, EXCLUDED.confidence)
         RETURNING t.account_id, (t.xmax = 0) AS created
       ), touched AS (
         INSERT INTO import_touched (account_id, created) SELECT DISTINCT account_id, false FROM up ON CONFLICT DO NOTHING
       )
       SELECT count(*) FILTER (WHERE created)::int AS created, count(*) FILTER (WHERE NOT created)::int AS updated FROM up`,
    );
  },
};
