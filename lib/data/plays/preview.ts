import "server-only";
import type { z } from "zod";
import { assertRole, type Actor } from "@/lib/auth/access";
import { loadAccountFacts } from "@/lib/db/account-facts";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { compileAudience } from "@/lib/plays/audience";
import type { PlayDefinition } from "@/lib/plays/definition";
import { renderTemplateSource, type RenderContext } from "@/lib/plays/template-render";
import type { AccountFacts } from "@/lib/segmentation/facts";
import { loadNameLookups } from "@/lib/data/rules/context";
import { fieldCoverage, type LintWarning } from "@/lib/data/rules/lint";
import type { SampleAccount } from "@/lib/data/rules/preview";
import type { PitchTexts } from "@/lib/validation/plays";
import { lintMatchesNothing, lintSparseFields } from "@/lib/segmentation/lint";
import { loadAudienceNames } from "./context";
import { describeAudience } from "./describe";

export interface PlayAudiencePreview {
  total: number;
  matching: number;
  sample: SampleAccount[];
  /** Against the current members (published version); null for a never-published play. */
  diff: { entering: number; leaving: number } | null;
  /** Matching accounts per owner, most first (who will see it on /today). */
  owners: { id: string | null; name: string; accounts: number }[];
  /** The pitch and talking points as the rep will read them, for the first sample account. */
  example: { accountId: number; accountName: string; pitch: string; talkingPoints: string[] } | null;
}

export type PlayPreviewResult =
  | { ok: true; preview: PlayAudiencePreview; text: string; warnings: LintWarning[] }
  | { ok: false; issues: { path: (string | number)[]; message: string }[] };

const MEMBER = { tierId: Prisma.sql`r.tier_id`, segmentIds: Prisma.sql`COALESCE(r.segment_ids, '{}')`, whitespace: Prisma.sql`COALESCE(r.whitespace, '{}')` };

/**
 * Live preview while editing a play: how many accounts the audience holds today (from the stored
 * tiers, segments and whitespace), a sample, the owners who will see it, the change against the
 * published audience, the audience in plain language, lint warnings, and the pitch rendered for
 * the first sample account. A draft with problems
 * gets them back, each with its field path.
 */
export async function previewPlayDraft(
  actor: Actor,
  playId: number | null,
  checked: z.ZodSafeParseResult<PlayDefinition>,
  texts?: PitchTexts,
): Promise<PlayPreviewResult> {
  assertRole(actor, "ADMIN");
  if (!checked.success) return { ok: false, issues: checked.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === "symbol" ? String(p) : p)), message: i.message })) };
  const { audience } = checked.data;
  const tiers = await db.tier.findMany({ where: { archived: false }, select: { id: true, key: true } });
  const asOf = new Date();
  const matches = compileAudience(audience, new Map(tiers.map((t) => [t.key, t.id])), MEMBER, asOf);
  const published = playId !== null && (await db.play.count({ where: { id: playId, publishedVersion: { not: null } } })) > 0;
  const [row] = await db.$queryRaw<{ total: number; matching: number; entering: number; leaving: number; sample: number[] | null }[]>`
    WITH m AS MATERIALIZED (
      SELECT a.id, a.lifetime_value, ${matches} AS hit, (${playId ?? 0}::int = ANY(COALESCE(r.play_ids, '{}'))) AS was
      FROM accounts a JOIN account_segmentation r ON r.account_id = a.id
    )
    SELECT count(*)::int AS total, count(*) FILTER (WHERE hit)::int AS matching,
      count(*) FILTER (WHERE hit AND NOT was)::int AS entering, count(*) FILTER (WHERE was AND NOT hit)::int AS leaving,
      (array_agg(id ORDER BY lifetime_value DESC, id) FILTER (WHERE hit))[1:8] AS sample
    FROM m`;
  const ids = row?.sample ?? [];
  const [sampleRows, owners, names, lookups, coverage, exampleFacts] = await Promise.all([
    db.$queryRaw<{ id: number; name: string; domain: string; ltv: number; tier_name: string | null }[]>`
      SELECT a.id, a.name, a.domain, a.lifetime_value::float8 AS ltv, t.name AS tier_name
      FROM accounts a JOIN account_segmentation r ON r.account_id = a.id LEFT JOIN tiers t ON t.id = r.tier_id
      WHERE a.id = ANY(${ids}::int[]) ORDER BY a.lifetime_value DESC, a.id`,
    db.$queryRaw<{ id: string | null; name: string | null; n: number }[]>`
      SELECT a.owner_id AS id, u.name, count(*)::int AS n
      FROM accounts a JOIN account_segmentation r ON r.account_id = a.id LEFT JOIN users u ON u.id = a.owner_id
      WHERE ${matches} GROUP BY a.owner_id, u.name ORDER BY n DESC, u.name LIMIT 8`,
    loadAudienceNames(),
    loadNameLookups(),
    audience.rule.children.length ? fieldCoverage([audience.rule]) : Promise.resolve({}),
    ids.length ? loadAccountFacts(db, [ids[0]!]) : Promise.resolve(null),
  ]);
  const matching = row?.matching ?? 0;
  const first = sampleRows[0];
  const facts = first ? exampleFacts?.get(first.id) : undefined;
  return {
    ok: true,
    preview: {
      total: row?.total ?? 0,
      matching,
      sample: sampleRows.map((r) => ({ id: r.id, name: r.name, domain: r.domain, lifetimeValue: Number(r.ltv), tierName: r.tier_name })),
      diff: published ? { entering: row?.entering ?? 0, leaving: row?.leaving ?? 0 } : null,
      owners: owners.map((o) => ({ id: o.id, name: o.name ?? "No owner", accounts: o.n })),
      example: first && facts ? renderExample(texts ?? checked.data, first, facts, { asOf, lookups, tierName: first.tier_name }) : null,
    },
    text: describeAudience(audience, names, lookups),
    warnings: [...lintMatchesNothing(matching, "This audience"), ...lintSparseFields(audience.rule, coverage)],
  };
}

/** The pitch as the rep would read it for one account; none before a pitch is written. */
function renderExample(texts: PitchTexts, account: { id: number; name: string }, facts: AccountFacts, context: RenderContext): PlayAudiencePreview["example"] {
  if (texts.pitch.trim() === "") return null;
  const render = (source: string) => renderTemplateSource(source, facts, context);
  const talkingPoints = texts.talkingPoints.filter((point) => point.trim() !== "").map(render);
  return { accountId: account.id, accountName: account.name, pitch: render(texts.pitch), talkingPoints };
}
