/**
 * Whose day plan /today shows. A rep always sees their own (a `?rep=` naming someone else is
 * ignored, never honoured); managers and admins pick any active rep. Shared by the worklist,
 * "since your last visit" and the capacity setting so they decide it the same way.
 */
import "server-only";
import { cache } from "react";
import { recordAudit } from "@/lib/audit";
import { assertRole, type Actor } from "@/lib/auth/access";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Option } from "@/lib/data/lookups";
import { AppError } from "@/lib/errors";

export interface TodayRep {
  id: string;
  name: string;
  dailyCapacity: number;
  /** "Since your last visit" starts here (null: the last 7 days). */
  changesSeenAt: Date | null;
}

export interface TodayViewer {
  /** Whose plan is shown; null when a manager or admin has not picked a rep (or picked an unknown one). */
  rep: TodayRep | null;
  /** The signed-in user looks at their own plan: they may dismiss changes. */
  own: boolean;
  /** May change the shown rep's daily capacity: the rep themselves, or an admin. */
  canEditCapacity: boolean;
  /** `?rep=` named nobody who is an active rep (managers and admins only). */
  repNotFound: boolean;
}

/** An active user (`repOnly`: an active REP) by id. One raw statement: /today reads it on every view. */
async function loadActiveUser(id: string, repOnly: boolean): Promise<TodayRep | null> {
  const [rep] = await db.$queryRaw<TodayRep[]>`
    SELECT id, name, daily_capacity AS "dailyCapacity", changes_seen_at AS "changesSeenAt"
    FROM users WHERE id = ${id} AND active ${repOnly ? Prisma.sql`AND role = 'REP'` : Prisma.empty}`;
  return rep ?? null;
}

/**
 * Read once per request (React `cache`): the day plan and "since your last visit" both ask, with
 * the same actor and `?rep=`.
 */
export const resolveTodayRep = cache(async (actor: Actor, requested: string | null | undefined): Promise<TodayViewer> => {
  if (actor.role === "REP") {
    const rep = await loadActiveUser(actor.id, false);
    return { rep, own: !!rep, canEditCapacity: !!rep, repNotFound: false };
  }
  if (!requested) return { rep: null, own: false, canEditCapacity: false, repNotFound: false };
  const rep = await loadActiveUser(requested, true);
  return { rep, own: false, canEditCapacity: !!rep && actor.role === "ADMIN", repNotFound: !rep };
});

/** The reps a manager or admin can open /today for: active reps by name. */
export async function todayRepOptions(actor: Actor): Promise<Option[]> {
  assertRole(actor, "ADMIN", "MANAGER");
  const reps = await db.user.findMany({ where: { role: "REP", active: true }, orderBy: { name: "asc" }, select: { id: true, name: true } });
  return reps.map((r) => ({ value: r.id, label: r.name }));
}

/**
 * A user's daily capacity: a rep sets their own, an admin anyone's (active users only). Anyone
 * else, or a rep naming another user, is refused and nothing is written. Audited as a user update.
 */
export async function setDailyCapacity(actor: Actor, userId: string, capacity: number): Promise<{ dailyCapacity: number }> {
  if (actor.id !== userId && actor.role !== "ADMIN") throw new AppError("FORBIDDEN", "You can only change your own daily capacity.");
  return db.$transaction(async (tx) => {
    const user = await tx.user.findFirst({ where: { id: userId, active: true }, select: { email: true, dailyCapacity: true } });
    if (!user) throw new AppError("NOT_FOUND", "That user does not exist or is deactivated.");
    if (user.dailyCapacity === capacity) return { dailyCapacity: capacity };
    await tx.user.update({ where: { id: userId }, data: { dailyCapacity: capacity } });
    await recordAudit(
      { actor: { id: actor.id, email: actor.email ?? "" }, action: "USER_UPDATED", target: user.email, details: { userId, dailyCapacity: { from: user.dailyCapacity, to: capacity } } },
      tx,
    );
    return { dailyCapacity: capacity };
  });
}
