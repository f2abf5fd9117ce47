/**
 * Whitespace peer groups for the live recompute, cached per process. Whitespace compares an
 * account with its peer group ((industry, tier): the categories most of the group runs), a
 * statistic over every account: reading it costs a pass over all accounts (seconds at 1,000,000),
 * far more than recomputing a batch of written accounts, and one write moves it by at most one
 * account. So drains use groups up to MAX_AGE_MS old (refreshed in the background when older, at
 * once when a tier scheme is published); the next full recompute (hourly, lib/db/refresh.ts)
 * counts them afresh and recomputes the accounts written since.
 */
import { db } from "@/lib/db/client";
import { readPeerCommon, type PeerCommon } from "@/lib/db/membership/plays";
import { logUnexpected } from "@/lib/log";

export const MAX_AGE_MS = 10 * 60_000;

interface Cached {
  peers: readonly PeerCommon[];
  readAt: number;
  /** The published tier scheme version they were read under (tiers define the groups). */
  scheme: number;
}

let cached: Cached | null = null;
let refreshing: Promise<Cached> | null = null;

async function read(scheme: number): Promise<Cached> {
  const peers = await readPeerCommon(db);
  cached = { peers, readAt: Date.now(), scheme };
  return cached;
}

function refresh(scheme: number): Promise<Cached> {
  refreshing ??= read(scheme).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** The peer groups a drain should use (read now if none are cached or the tier scheme changed). */
export async function livePeerGroups(): Promise<readonly PeerCommon[]> {
  const [row] = await db.$queryRaw<{ version: number | null }[]>`SELECT max(version) AS version FROM tier_scheme_versions`;
  const scheme = row?.version ?? 0;
  if (!cached || cached.scheme !== scheme) return (await refresh(scheme)).peers;
  if (Date.now() - cached.readAt > MAX_AGE_MS) {
    refresh(scheme).catch((error: unknown) => logUnexpected("live recompute: peer groups", error));
  }
  return cached.peers;
}

/** Read the peer groups in the background as an instance starts (a failure is logged; the first drain then reads them). */
export function warmPeerGroups(): void {
  livePeerGroups().catch((error: unknown) => logUnexpected("live recompute: peer groups", error));
}

/** Forget the cache (tests). */
export function forgetPeerGroups(): void {
  cached = null;
}
