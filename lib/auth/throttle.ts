import { LIMITS, clearEmailLimits, limiters, take } from "./limiters";

/**
 * Sign-in throttling, decided BEFORE the password is checked: every attempt is counted first (one
 * atomic upsert per counter), so a burst of parallel requests gets no more guesses than a slow
 * sequence, and a success is re-checked against the lock afterwards.
 *
 * - e-mail + client address: 5 failures in a row lock that pair for 15 minutes (the attacker's
 *   address, not the victim's own);
 * - e-mail from any address: past 10 failures in an hour, attempts are spaced out, one per
 *   window (5 s, doubling up to a minute): a progressive delay rather than a lock of the victim;
 * - client address over all e-mails: 100 failures an hour (spraying one password over many users);
 * - the whole app: 300 password checks a minute, so no flood can queue unbounded bcrypt work.
 */
/** Failures in a row, from one client address, after which an e-mail is locked there. */
export const LOCK_AFTER = LIMITS.pair.points;

export type Refusal = "locked" | "slow" | "busy";

export type AttemptStart =
  | { refused: Refusal; retryAfterSeconds: number }
  | { refused: null; attempt: Attempt };

export interface Attempt {
  email: string;
  address: string | null;
  /** This attempt used the pair's last free failure: if it fails, the pair locks. */
  lastChance: boolean;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

const pairKey = (email: string, address: string | null) => `${email}|${address ?? "-"}`;
const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** Seconds between attempts for an e-mail with `failures` this hour (0 while within the free ones). */
export function emailDelaySeconds(failures: number): number {
  const over = failures - LIMITS.email.free;
  return over <= 0 ? 0 : Math.min(LIMITS.email.firstDelaySeconds * 2 ** (over - 1), LIMITS.email.maxDelaySeconds);
}

/** Count this attempt against every limit, or refuse it (giving back what it took) without a password check. */
export async function beginAttempt(rawEmail: string, address: string | null): Promise<AttemptStart> {
  const email = normaliseEmail(rawEmail);
  const l = limiters();
  const global = await take(l.global, "all");
  if (!global.allowed) return { refused: "busy", retryAfterSeconds: seconds(global.res.msBeforeNext) };

  const undo: (() => Promise<unknown>)[] = [];
  const refuse = async (refused: Refusal, ms: number): Promise<AttemptStart> => {
    await Promise.all(undo.map((fn) => fn()));
    return { refused, retryAfterSeconds: seconds(ms) };
  };

  if (address) {
    const byAddress = await take(l.address, address);
    if (!byAddress.allowed) return refuse("slow", byAddress.res.msBeforeNext);
    undo.push(() => l.address.reward(address));
  }
  const pair = await take(l.pair, pairKey(email, address));
  // Past the limit the pair stays refused until its window or lock ends; nothing to give back.
  if (!pair.allowed) return refuse("locked", pair.res.msBeforeNext);
  undo.push(() => l.pair.reward(pairKey(email, address)));

  const byEmail = await take(l.email, email);
  undo.push(() => l.email.reward(email));
  const delay = emailDelaySeconds(byEmail.res.consumedPoints);
  if (delay > 0) {
    const gate = await take(l.emailGate, email, { customDuration: delay });
    if (!gate.allowed) return refuse("slow", gate.res.msBeforeNext);
  }
  return { refused: null, attempt: { email, address, lastChance: pair.res.remainingPoints === 0 } };
}

/** The password was wrong: returns true when this failure locked the e-mail for this address. */
export async function attemptFailed(attempt: Attempt): Promise<boolean> {
  if (!attempt.lastChance) return false;
  await limiters().pair.block(pairKey(attempt.email, attempt.address), LIMITS.pair.lockSeconds);
  return true;
}

/**
 * The password was right. Refused (false) when parallel failures locked the pair while this
 * attempt's password was being checked; otherwise the pair's failures are forgotten. The e-mail's
 * hourly count is not: an attacker's failures keep spacing out attempts whoever signs in between.
 */
export async function attemptSucceeded(attempt: Attempt): Promise<boolean> {
  const l = limiters();
  const key = pairKey(attempt.email, attempt.address);
  const now = await l.pair.get(key);
  if (now && now.consumedPoints > LIMITS.pair.points) return false;
  await l.pair.delete(key);
  if (attempt.address) await l.address.reward(attempt.address);
  return true;
}

/**
 * The password was right and the user has a second factor, but no code came with it yet: neither
 * a failure nor a success. The attempt is given back (asking for the code costs the real user none
 * of their free failures), unless parallel failures locked the pair meanwhile (false). The pair's
 * failures are NOT forgotten, only a right code does that: knowing the password must not reset
 * the count of wrong codes, which fail like wrong passwords (attemptFailed).
 */
export async function attemptAwaitsCode(attempt: Attempt): Promise<boolean> {
  const l = limiters();
  const key = pairKey(attempt.email, attempt.address);
  const now = await l.pair.get(key);
  if (now && now.consumedPoints > LIMITS.pair.points) return false;
  await Promise.all([l.pair.reward(key), l.email.reward(attempt.email), attempt.address ? l.address.reward(attempt.address) : null]);
  return true;
}

/**
 * Whether a failure or refusal belongs in the audit log: the 1st, 10th, 100th... of its kind for
 * its key this hour, so an attack adds a handful of rows, each saying how many it stands for.
 */
export async function auditWorthy(kind: "unknown" | "refused", key: string): Promise<number | null> {
  const { res } = await take(limiters()[kind], key);
  const n = res.consumedPoints;
  return /^10*$/.test(String(n)) ? n : null;
}

/** Forget an e-mail's failures from every address (an admin reset its password). */
export async function clearFailures(email: string): Promise<void> {
  await clearEmailLimits(normaliseEmail(email));
}
