import { createLoader, createSerializer, parseAsArrayOf, parseAsString, type inferParserType } from "nuqs/server";
import { parseAsId } from "./ids";

/**
 * /today's URL state, defined once like the accounts list's (lib/validation/account-query.ts): the
 * server page loads it, the filter bar and the rep picker edit it, the CSV link is built from it.
 * `rep` is honoured for managers and admins only; a rep always gets their own day plan.
 */
export const todayQueryParsers = {
  rep: parseAsString,
  play: parseAsArrayOf(parseAsId).withDefault([]),
  tier: parseAsArrayOf(parseAsString).withDefault([]),
  segment: parseAsArrayOf(parseAsId).withDefault([]),
};

export type TodayQuery = inferParserType<typeof todayQueryParsers>;
export type TodayFilterKey = "play" | "tier" | "segment";

export const loadTodayQuery = createLoader(todayQueryParsers);
export const serializeTodayQuery = createSerializer(todayQueryParsers);

/** Some filter is set: an empty worklist then means "nothing matches", not "nothing to do". */
export function hasTodayFilter(query: Pick<TodayQuery, TodayFilterKey>): boolean {
  return query.play.length + query.tier.length + query.segment.length > 0;
}

/** Every filter cleared (as a URL update: null removes the parameter); the chosen rep stays. */
export const CLEARED_TODAY_FILTERS = { play: null, tier: null, segment: null } as const;
