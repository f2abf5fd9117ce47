/**
 * Recording what happened when a rep worked a play on an account (contacted, meeting booked, won,
 * lost, not a fit, snoozed). The newest outcome per account x play decides the worklist; each one
 * keeps the play version, tier and segments of the moment, so effectiveness can be broken down by
 * what the account was when it was worked.
 */
import "server-only";
import type { Actor } from "@/lib/auth/access";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isPlayRunning, readPlayDefinition } from "@/lib/plays/definition";
import { OUTCOME_KIND_LABELS, type OutcomeKind } from "@/lib/plays/kinds";
import { toIsoDate } from "@/lib/segmentation/dates";
import type { OutcomeInput } from "@/lib/validation/outcomes";
import { ACCOUNTS_FROM, visibleAccountsSql } from "../account-filters";

export const NOT_IN_AUDIENCE = "This account is no longer in the play's audience.";

export interface RecordOutcomeInput {
  accountId: number;
  playId: number;
  outcome: OutcomeInput;
}

export interface RecordedOutcome {
  id: string;
  kind: OutcomeKind;
  at: Date;
}

interface AccountRow {
  name: string;
  tier_id: number | null;
  segment_ids: number[] | null;
  play_ids: number[] | null;
}

/**
 * Store one outcome, with an audit entry. A rep may record only on accounts they own (another
 * rep's account is NOT_FOUND, as if it did not exist, and nothing is written); managers and admins
 * on any account. The play must be published and running, and the account in its audience now.
 */
export async function recordOutcome(actor: Actor, input: RecordOutcomeInput): Promise<RecordedOutcome> {
  const { accountId, playId, outcome } = input;
  return db.$transaction(async (tx) => {
    // FOR SHARE: a recompute changing this account's plays waits until the outcome is stored.
    const [account] = await tx.$queryRaw<AccountRow[]>`
      SELECT a.name, r.tier_id, r.segment_ids, r.play_ids FROM ${ACCOUNTS_FROM}
      WHERE a.id = ${accountId} AND ${visibleAccountsSql(actor)} FOR SHARE OF r`;
    if (!account) throw new AppError("NOT_FOUND", "That account does not exist, or it is not one of yours.");

    const [play] = await tx.$queryRaw<{ version: number; definition: unknown }[]>`
      SELECT v.version, v.definition FROM plays p JOIN play_versions v ON v.play_id = p.id AND v.version = p.published_version
      WHERE p.id = ${playId} AND NOT p.archived`;
    const definition = play ? readPlayDefinition(play.definition) : null;
    if (!play || !definition) throw new AppError("NOT_FOUND", "That play no longer exists.");
    const inAudience = (account.play_ids ?? []).includes(playId) && isPlayRunning(definition, toIsoDate(new Date()));
    if (!inAudience) throw new AppError("INVALID", NOT_IN_AUDIENCE);

    const detail = outcomeColumns(outcome);
    const row = await tx.playOutcome.create({
      data: {
        accountId,
        playId,
        playVersion: play.version,
        userId: actor.id,
        kind: outcome.kind,
        ...detail,
        tierId: account.tier_id,
        segmentIds: account.segment_ids ?? [],
      },
      select: { id: true, at: true },
    });
    await recordAudit(
      {
        actor: { id: actor.id, email: actor.email ?? "" },
        action: "PLAY_OUTCOME_RECORDED",
        target: `account "${account.name}" × play "${definition.name}" v${play.version}`,
        details: {
          accountId,
          playId,
          playVersion: play.version,
          outcome: OUTCOME_KIND_LABELS[outcome.kind],
          amount: detail.amount,
          reason: detail.reason,
          snoozeUntil: "until" in outcome ? outcome.until : null,
        },
      },
      tx,
    );
    return { id: row.id.toString(), kind: outcome.kind, at: row.at };
  });
}

/** The columns each kind fills (the others stay null). */
function outcomeColumns(outcome: OutcomeInput): { amount: string | null; reason: string | null; snoozeUntil: Date | null } {
  switch (outcome.kind) {
    case "WON":
      return { amount: outcome.amount, reason: null, snoozeUntil: null };
    case "SNOOZED":
      return { amount: null, reason: null, snoozeUntil: new Date(`${outcome.until}T00:00:00Z`) };
    default:
      return { amount: null, reason: outcome.reason, snoozeUntil: null };
  }
}
