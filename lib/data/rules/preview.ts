import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { compileRule } from "@/lib/segmentation/sql";
import type { RuleGroup } from "@/lib/segmentation/schema";
import { accountSource, DEFAULT_SAMPLING, estimateOf, probeJoins, scaleFactor, type PreviewEstimate, type PreviewPhase, type Sampling } from "./preview-estimate";
import { accountsById, allowParallelScan, topIdsByValue, type SampleAccount } from "./preview-samples";
import { inPreviewSlot, type PreviewOwner } from "./preview-slot";

export type { SampleAccount } from "./preview-samples";
export type { PreviewEstimate, PreviewPhase } from "./preview-estimate";
// The tier scheme preview lives in tier-preview.ts; its types are named here too, where the editors import them.
export type { TierMover, TierPreview, TierPreviewTier, TierTransition } from "./tier-preview";

const SAMPLE_SIZE = 8;
const DIFF_SAMPLE_SIZE = 5;

export interface SegmentPreview {
  total: number;
  matching: number;
  sample: SampleAccount[];
  /** Against the current members (published version); null for a never-published segment. */
  diff: { entering: number; leaving: number; enteringSample: SampleAccount[]; leavingSample: SampleAccount[] } | null;
  /** Set when the counts are estimated from a sample (no account samples then); null when exact. */
  estimate: PreviewEstimate | null;
}

/**
 * How many accounts a segment rule matches now, a sample, and who would enter or leave. One pass
 * over the accounts counts (the rule evaluated once per account, split across parallel workers,
 * in the editor's preview slot so a newer preview cancels it); then, knowing how many are in each
 * set, the samples (the biggest accounts by lifetime value) are small queries run side by side,
 * and none for an empty set. In the "estimate" phase on a big database the same count runs over a
 * fixed sample of the accounts, scaled up, without account samples (preview-estimate.ts); the
 * editor asks for the exact answer next.
 */
export async function previewSegmentRule(
  rule: RuleGroup,
  segmentId: number | null,
  published: boolean,
  owner: PreviewOwner | null = null,
  phase: PreviewPhase = "exact",
  sampling: Sampling = DEFAULT_SAMPLING,
): Promise<SegmentPreview> {
  const matches = compileRule(rule, new Date());
  const segment = segmentId ?? 0;
  const source = await accountSource(phase, sampling);
  const c = await inPreviewSlot(owner, async (tx) => {
    await (source.estimate ? probeJoins(tx) : allowParallelScan(tx));
    const [row] = await tx.$queryRaw<{ total: number; matching: number; entering: number; leaving: number }[]>`
      SELECT count(*)::int AS total,
        count(*) FILTER (WHERE hit)::int AS matching,
        count(*) FILTER (WHERE hit AND NOT was)::int AS entering,
        count(*) FILTER (WHERE was AND NOT hit)::int AS leaving
      FROM (
        SELECT ${matches} AS hit, (s.account_id IS NOT NULL) AS was
        FROM ${source.from} LEFT JOIN account_segments s ON s.account_id = a.id AND s.segment_id = ${segment}::int
      ) m`;
    return row ?? { total: 0, matching: 0, entering: 0, leaving: 0 };
  });
  if (source.estimate) {
    const scale = (n: number) => Math.round(n * scaleFactor(source, c.total));
    return {
      total: scale(c.total),
      matching: scale(c.matching),
      sample: [],
      diff: published ? { entering: scale(c.entering), leaving: scale(c.leaving), enteringSample: [], leavingSample: [] } : null,
      estimate: estimateOf(source, c.total),
    };
  }
  const member = Prisma.sql`EXISTS (SELECT 1 FROM account_segments s WHERE s.segment_id = ${segment}::int AND s.account_id = a.id)`;
  const [matchingIds, enteringIds, leavingIds] = await Promise.all([
    topIdsByValue(Prisma.sql`FROM accounts a WHERE ${matches}`, c.matching, c.total, SAMPLE_SIZE),
    published ? topIdsByValue(Prisma.sql`FROM accounts a WHERE ${matches} AND NOT ${member}`, c.entering, c.total, DIFF_SAMPLE_SIZE) : [],
    published ? topIdsByValue(Prisma.sql`FROM accounts a WHERE ${member} AND NOT ${matches}`, c.leaving, c.total, DIFF_SAMPLE_SIZE) : [],
  ]);
  const [sample, enteringSample, leavingSample] = await Promise.all([accountsById(matchingIds), accountsById(enteringIds), accountsById(leavingIds)]);
  return {
    total: c.total,
    matching: c.matching,
    sample,
    diff: published ? { entering: c.entering, leaving: c.leaving, enteringSample, leavingSample } : null,
    estimate: null,
  };
}
