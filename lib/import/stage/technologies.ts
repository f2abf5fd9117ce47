import type { RowError, TechnologyRow } from "../rows";
import { ownedByAccountStage } from "./owned-by-account";
import { columnOf, dropLines } from "./types";

/** Confidence of a detection the file does not qualify: it says the technology is there. */
export const DEFAULT_CONFIDENCE = 1;

export const technologiesStage = ownedByAccountStage<TechnologyRow>({
  table: "account_technologies",
  key: "technology_id",
  columns: ["technology_id int NOT NULL", "first_detected_at date", "last_detected_at date", "confidence float8"],
  values: (r) => [r.technologyId, r.firstDetectedAt, r.lastDetectedAt, r.confidence],
  metricsSource: null,
  extraColumns: "existing boolean NOT NULL DEFAULT false",

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
});
