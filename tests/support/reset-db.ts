import { db } from "@/lib/db/client";

/** Empty every domain table (the audit log only via TRUNCATE, which its trigger allows). */
export async function resetDatabase(): Promise<void> {
  await db.$executeRawUnsafe(`TRUNCATE
    membership_events, account_segments, segment_versions, segments, tier_scheme_versions, tier_scheme_draft,
    scoring_config, account_technologies, campaign_responses, engagement_events, orders, accounts, tiers,
    technologies, sign_in_limits, auth_sessions, users, audit_log, import_mappings, import_jobs, plays, play_versions, play_outcomes,
    change_dismissals, api_keys, api_rate_windows, api_idempotency_keys, job_runs, pending_recomputes,
    webhook_endpoints, webhook_deliveries, webhook_attempts, webhook_dispatch_cursor
    RESTART IDENTITY CASCADE`);
}
