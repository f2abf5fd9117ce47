import "server-only";
import type { Actor } from "@/lib/auth/access";
import type { AccountQuery } from "@/lib/validation/account-query";
import { listAccounts, type AccountPage } from "./accounts";
import { sharedAggregate, visibilityKey } from "./aggregate-cache";
import { ownerOptions, segmentOptions, technologyOptions, tierOptions, type Option } from "./lookups";
import { getMatrix, type Matrix, type MatrixDimension } from "./matrix";
import { listSegments, type SegmentSummary } from "./segments";

/**
 * The pages' versions of the account-wide aggregates, shared across requests by everyone who sees
 * the same accounts (lib/data/aggregate-cache.ts says when an entry is reused). Same results as the
 * functions they wrap.
 */
export function sharedMatrix(actor: Actor, dimension: MatrixDimension): Promise<Matrix> {
  return sharedAggregate(`matrix:${dimension}:${visibilityKey(actor)}`, () => getMatrix(actor, dimension));
}

export function sharedSegments(actor: Actor): Promise<SegmentSummary[]> {
  return sharedAggregate(`segments:${visibilityKey(actor)}`, () => listSegments(actor));
}

/** One published segment (null when not published, archived or unknown), from the shared list. */
export async function sharedSegment(actor: Actor, id: number): Promise<SegmentSummary | null> {
  return (await sharedSegments(actor)).find((s) => s.id === id) ?? null;
}

/** A page of the accounts list for a fixed query nobody types (the segment page's top members). */
export function sharedAccountPage(actor: Actor, query: AccountQuery): Promise<AccountPage> {
  return sharedAggregate(`accounts:${JSON.stringify(query)}:${visibilityKey(actor)}`, () => listAccounts(actor, query));
}

/**
 * The filter bars' choices: tier and segment names change only by publishing, the technology
 * catalogue by an import or an API write, the reps by user administration: writes the data stamp
 * sees like any other.
 */
export const sharedTierOptions = (): Promise<Option[]> => sharedAggregate("options:tier", tierOptions);
export const sharedSegmentOptions = (): Promise<Option[]> => sharedAggregate("options:segment", segmentOptions);
export const sharedTechnologyOptions = (): Promise<Option[]> => sharedAggregate("options:technology", technologyOptions);
export const sharedOwnerOptions = (actor: Actor): Promise<Option[]> => sharedAggregate(`options:owner:${visibilityKey(actor)}`, () => ownerOptions(actor));
