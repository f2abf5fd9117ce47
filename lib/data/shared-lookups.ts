import "server-only";
import { cache } from "react";
import { loadAccountFacts } from "@/lib/db/account-facts";
import { db } from "@/lib/db/client";
import { loadPublishedPlays, type PublishedPlay } from "@/lib/db/membership/plays";
import { loadPublishedRules, loadScoring, type PublishedRules, type ScoringSettings } from "@/lib/db/membership/published-rules";
import type { TechCategory } from "@/lib/generated/prisma/enums";
import type { AccountFacts } from "@/lib/segmentation/facts";
import type { NameLookups } from "@/lib/segmentation/format";
import { sharedAggregate } from "./aggregate-cache";
import { loadAudienceNames, type AudienceNames } from "./plays/context";
import { loadNameLookups } from "./rules/context";

/**
 * What every account page and /today read besides the account itself: the published rules and
 * plays, the scoring settings, names for ids and the technology catalogue. They change only by
 * audited writes (publishing, scoring, user administration, imports and API writes), so the data
 * stamp (aggregate-cache.ts) covers them and requests share them instead of each running a dozen
 * small queries. Same results as the loaders they wrap; callers must not mutate them.
 */
export const sharedPublishedRules = (): Promise<PublishedRules> => sharedAggregate("lookups:rules", () => loadPublishedRules(db));
export const sharedScoring = (): Promise<ScoringSettings> => sharedAggregate("lookups:scoring", () => loadScoring(db));
export const sharedPublishedPlays = (): Promise<PublishedPlay[]> => sharedAggregate("lookups:plays", () => loadPublishedPlays(db));
export const sharedNameLookups = (): Promise<NameLookups> => sharedAggregate("lookups:names", loadNameLookups);
export const sharedAudienceNames = (): Promise<AudienceNames> => sharedAggregate("lookups:audience-names", loadAudienceNames);

/** Published segments' colour and kind by id (the rules carry neither). */
export const sharedSegmentLooks = (): Promise<Map<number, { color: string; kind: string }>> =>
  sharedAggregate("lookups:segment-looks", async () => {
    const rows = await db.segment.findMany({ where: { archived: false, publishedVersion: { not: null } }, select: { id: true, color: true, kind: true } });
    return new Map(rows.map((s) => [s.id, { color: s.color, kind: s.kind }]));
  });

/** The catalogue's technology ids per category (categories without technologies are absent). */
export const sharedTechnologyIdsByCategory = (): Promise<Map<TechCategory, number[]>> =>
  sharedAggregate("lookups:technologies-by-category", async () => {
    const rows = await db.$queryRaw<{ category: TechCategory; ids: number[] }[]>`
      SELECT category::text AS category, array_agg(id ORDER BY id) AS ids FROM technologies GROUP BY category`;
    return new Map(rows.map((r) => [r.category, r.ids]));
  });

/**
 * One account's facts (the evaluator's input), read once per request: the account page's
 * explanations and recommended plays both evaluate rules on them.
 */
export const requestAccountFacts = cache(async (accountId: number): Promise<AccountFacts | undefined> =>
  (await loadAccountFacts(db, [accountId])).get(accountId),
);
