import { clearSharedAggregates } from "@/lib/data/aggregate-cache";
import { db } from "@/lib/db/client";

/**
 * Empty every domain table. The audit log refuses TRUNCATE (prisma/post-migrate.sql), so its
 * trigger is switched off inside this one transaction: ALTER TABLE needs the table's owner, which
 * only test support connects as, and the lock it takes keeps every other session from seeing the
 * trigger off. Nothing outside tests may do this.
 */
export async function resetDatabase(): Promise<void> {
  await db.$transaction([
    db.$executeRawUnsafe("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_truncate"),
    db.$executeRawUnsafe(`TRUNCATE
    membership_events, account_segments, segment_versions, segments, tier_scheme_versions, tier_scheme_draft,
    scoring_config, account_technologies, campaign_responses, engagement_events, orders, accounts, tiers,
    technologies, sign_in_limits, auth_sessions, users, audit_log, import_mappings, import_jobs, plays, play_versions, play_outcomes,
    change_dismissals, api_keys, api_rate_windows, api_idempotency_keys, job_runs, pending_recomputes, pending_scores,
    webhook_endpoints, webhook_deliveries, webhook_attempts, webhook_dispatch_cursor,
    recovery_codes, security_settings, input_writes, derived_stamps, peer_counts, metrics_refresh
    RESTART IDENTITY CASCADE`),
    db.$executeRawUnsafe("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_truncate"),
  ]);
  // Ids restart, so an emptied database can reach a data stamp an earlier test's entries were stored under.
  clearSharedAggregates();
}
