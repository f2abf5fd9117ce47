import { randomBytes } from "node:crypto";
import { cache } from "react";
import { db } from "@/lib/db/client";
import { jsonRows } from "@/lib/db/json-rows";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { env } from "@/lib/env";
import type { ClientInfo } from "./client";

/**
 * Server-side sessions. The Auth.js JWT carries only the id of an auth_sessions row; the row holds
 * the absolute end (fixed at sign-in, so refreshing the cookie cannot move it) and the last
 * request (for the idle timeout). Signing out deletes the row, so a copied cookie stops working.
 */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** An admin chose the password: pages send the user to /account/password until they change it. */
  mustChangePassword?: boolean;
  /** An ADMIN without a second factor while admins must have one: pages send them to /account/two-factor. */
  mustEnrolTwoFactor?: boolean;
  /** The auth_sessions row this request came with (absent in tests that build a user by hand). */
  sessionId?: string;
}

/** What the session cookie's token says, as lib/auth/auth.config.ts puts it there. */
export interface TokenClaims {
  userId?: string;
  sessionId?: string;
  sessionVersion?: number;
}

interface SessionRow {
  userId: string;
  expiresAtMs: number;
  lastSeenAtMs: number;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  sessionVersion: number;
  mustChangePassword: boolean;
  mustEnrolTwoFactor: boolean;
}

/** lastSeenAt is written at most this often, so a busy user does not cost a write per request. */
const TOUCH_EVERY_MS = 60_000;

export function sessionLifetimes() {
  const { TIERWISE_SESSION_MAX_HOURS, TIERWISE_SESSION_IDLE_MINUTES } = env();
  return { maxMs: TIERWISE_SESSION_MAX_HOURS * 3_600_000, idleMs: TIERWISE_SESSION_IDLE_MINUTES * 60_000 };
}

/** A new session for a user who just proved who they are; returns its id for the token. */
export async function startSession(userId: string, client: ClientInfo, now = new Date()): Promise<string> {
  const { maxMs, idleMs } = sessionLifetimes();
  const id = randomBytes(32).toString("base64url");
  await db.authSession.create({
    data: { id, userId, createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + maxMs), clientAddress: client.address, userAgent: client.userAgent },
  });
  // Ended sessions are deleted as new ones begin, so the table holds little more than live ones.
  await db.authSession.deleteMany({ where: { OR: [{ expiresAt: { lt: now } }, { lastSeenAt: { lt: new Date(now.getTime() - idleMs) } }] } });
  return id;
}

export async function endSession(sessionId: string): Promise<void> {
  await db.authSession.deleteMany({ where: { id: sessionId } });
}

/** End a user's sessions (password changed or reset), all or all but the one making the change. */
export async function endUserSessions(userId: string, options: { except?: string; client?: Pick<typeof db, "authSession"> } = {}): Promise<void> {
  const client = options.client ?? db;
  await client.authSession.deleteMany({ where: { userId, ...(options.except ? { id: { not: options.except } } : {}) } });
}

/**
 * The user of a live session, or null: the row must exist, belong to the token's user, be within
 * its absolute and idle limits, and the user must be active with the token's sessionVersion.
 */
export async function sessionUserFor(claims: TokenClaims | null | undefined, now?: Date): Promise<SessionUser | null> {
  if (!claims?.sessionId || !claims.userId) return null;
  if (now) return readSessionUser(claims.userId, claims.sessionId, claims.sessionVersion, now);
  return readSessionUserOnce(claims.userId, claims.sessionId, claims.sessionVersion);
}

// Once per request (React's cache, where a request scope exists): Auth.js's jwt callback
// (lib/auth/auth.ts) and getSessionUser (lib/auth/session.ts) ask about the same session.
const readSessionUserOnce = cache((userId: string, sessionId: string, sessionVersion: number | undefined) =>
  readSessionUser(userId, sessionId, sessionVersion, new Date()),
);

async function readSessionUser(userId: string, sessionId: string, sessionVersion: number | undefined, now: Date): Promise<SessionUser | null> {
  const claims = { userId, sessionId, sessionVersion };
  // One round trip (every request of every signed-in user comes through here).
  const [row] = await jsonRows<SessionRow>(Prisma.sql`
    SELECT s.user_id AS "userId", (extract(epoch FROM s.expires_at) * 1000)::float8 AS "expiresAtMs",
           (extract(epoch FROM s.last_seen_at) * 1000)::float8 AS "lastSeenAtMs",
           u.email, u.name, u.role::text AS role, u.active, u.session_version AS "sessionVersion",
           u.must_change_password AS "mustChangePassword",
           (u.role = 'ADMIN' AND u.totp_enabled_at IS NULL
             AND COALESCE((SELECT require_admin_two_factor FROM security_settings WHERE id = 1), false)) AS "mustEnrolTwoFactor"
    FROM auth_sessions s JOIN users u ON u.id = s.user_id
    WHERE s.id = ${claims.sessionId}`);
  if (!row || row.userId !== claims.userId) return null;
  const { idleMs } = sessionLifetimes();
  const idle = now.getTime() - row.lastSeenAtMs;
  if (row.expiresAtMs <= now.getTime() || idle > idleMs) {
    await endSession(claims.sessionId);
    return null;
  }
  if (!row.active || row.sessionVersion !== claims.sessionVersion) return null;
  if (idle > TOUCH_EVERY_MS) await db.authSession.updateMany({ where: { id: claims.sessionId }, data: { lastSeenAt: now } });
  return {
    id: row.userId,
    email: row.email,
    name: row.name,
    role: row.role,
    mustChangePassword: row.mustChangePassword,
    mustEnrolTwoFactor: row.mustEnrolTwoFactor,
    sessionId: claims.sessionId,
  };
}
