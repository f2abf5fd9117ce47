import type { EventRow } from "../rows";
import { ownedByAccountStage } from "./owned-by-account";

export const eventsStage = ownedByAccountStage<EventRow>({
  table: "engagement_events",
  key: "external_id",
  columns: [`type "EngagementType" NOT NULL`, "occurred_at timestamp(3) NOT NULL", "detail text", "external_id text NOT NULL"],
  values: (r) => [r.type, r.occurredAt, r.detail, r.externalId],
  metricsSource: "events",

  /** A blank detail keeps the event's current one. */
  async fill(tx) {
    await tx.$executeRawUnsafe(
      `UPDATE import_stage s SET detail = e.detail FROM engagement_events e
       WHERE s.detail IS NULL AND e.account_id = s.account_id AND e.external_id = s.external_id`,
    );
    return [];
  },
});
