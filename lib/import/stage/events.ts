import type { EventRow } from "../rows";
import { countTouched, resolveAccounts, type StageSpec } from "./types";

export const eventsStage: StageSpec<EventRow> = {
  async create(tx) {
    await tx.$executeRawUnsafe(`CREATE TEMP TABLE import_stage (
      line int PRIMARY KEY, domain text NOT NULL, account_id int,
      type "EngagementType" NOT NULL, occurred_at timestamp(3) NOT NULL, detail text, external_id text NOT NULL
    ) ON COMMIT DROP`);
  },

  async insert(tx, rows) {
    if (rows.length === 0) return;
    await tx.$executeRawUnsafe(
      `INSERT INTO import_stage (line, domain, type, occurred_at, detail, external_id)
       SELECT * FROM unnest($1::int[], $2::text[], $3::text[]::"EngagementType"[], $4::timestamp(3)[], $5::text[], $6::text[])`,
      rows.map((r) => r.line),
      rows.map((r) => r.domain),
      rows.map((r) => r.type),
      rows.map((r) => r.occurredAt),
      rows.map((r) => r.detail),
      rows.map((r) => r.externalId),
    );
  },

  async check(tx, ctx) {
    const errors = await resolveAccounts(tx, ctx);
    if (errors.length) await tx.$executeRawUnsafe("DELETE FROM import_stage WHERE account_id IS NULL");
    return errors;
  },

  candidatesSql: "SELECT DISTINCT account_id FROM import_stage",

  /** A blank detail keeps the event's current one. */
  async fill(tx) {
    await tx.$executeRawUnsafe(
      `UPDATE import_stage s SET detail = e.detail FROM engagement_events e
       WHERE s.detail IS NULL AND e.account_id = s.account_id AND e.external_id = s.external_id`,
    );
    return [];
  },

  async apply(tx) {
    return countTouched(
      tx,
      `WITH up AS (
         INSERT INTO engagement_events AS e (account_id, type, occurred_at, detail, external_id)
         SELECT account_id, type, occurred_at, detail, external_id FROM import_stage ORDER BY line
         ON CONFLICT (account_id, external_id) DO UPDATE
           SET type = EXCLUDED.type, occurred_at = EXCLUDED.occurred_at, detail = EXCLUDED.detail
         WHERE (e.type, e.occurred_at, e.detail) IS DISTINCT FROM (EXCLUDED.type, EXCLUDED.occurred_at, EXCLUDED.detail)
         RETURNING e.account_id, (e.xmax = 0) AS created
       ), touched AS (
         INSERT INTO import_touched (account_id, created) SELECT DISTINCT account_id, false FROM up ON CONFLICT DO NOTHING
       )
       SELECT count(*) FILTER (WHERE created)::int AS created, count(*) FILTER (WHERE NOT created)::int AS updated FROM up`,
    );
  },
};
