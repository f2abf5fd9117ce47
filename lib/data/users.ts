import "server-only";
import { recomputeAll } from "@/lib/db/membership/recompute-all";
import { LONG_TRANSACTION } from "@/lib/db/transaction";
import { recordAudit } from "@/lib/audit";
import { assertRole, type Actor } from "@/lib/auth/access";
import { hashPassword } from "@/lib/auth/password";
import { passwordProblem } from "@/lib/auth/password-policy";
import { endUserSessions } from "@/lib/auth/sessions";
import { clearFailures } from "@/lib/auth/throttle";
import { db } from "@/lib/db/client";
import { AppError, fieldError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { ACCOUNT_FILTERS } from "@/lib/accounts/list-columns";
import { serializeAccountQuery, type AccountQuery } from "@/lib/validation/account-query";
import { ACCOUNTS_FROM, accountWhereSql } from "./account-filters";

export interface UserSummary {
  id: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  accountsOwned: number;
  createdAt: Date;
}

const summarySelect = {
  id: true,
  name: true,
  email: true,
  role: true,
  active: true,
  createdAt: true,
  _count: { select: { accounts: true } },
} as const;

type SummaryRecord = Prisma.UserGetPayload<{ select: typeof summarySelect }>;

function toSummary({ _count, ...user }: SummaryRecord): UserSummary {
  return { ...user, accountsOwned: _count.accounts };
}

const auditActor = (actor: Actor) => ({ id: actor.id, email: actor.email ?? actor.id });

async function findUser(id: string) {
  const user = await db.user.findUnique({ where: { id }, select: { id: true, email: true, name: true, role: true, active: true } });
  if (!user) throw new AppError("NOT_FOUND", "That user no longer exists.");
  return user;
}

// ---- User management (ADMIN) ---------------------------------------------

/** Every user with the number of accounts they own: active first, then by name. */
export async function listUsers(actor: Actor): Promise<UserSummary[]> {
  assertRole(actor, "ADMIN");
  const users = await db.user.findMany({ select: summarySelect, orderBy: [{ active: "desc" }, { name: "asc" }] });
  return users.map(toSummary);
}

export interface NewUser {
  name: string;
  email: string;
  role: Role;
  password: string;
}

export async function createUser(actor: Actor, input: NewUser): Promise<UserSummary> {
  assertRole(actor, "ADMIN");
  const email = input.email.trim().toLowerCase();
  const problem = passwordProblem(input.password, { email });
  if (problem) throw fieldError("password", problem);
  const taken = await db.user.findFirst({ where: { email: { equals: email, mode: "insensitive" } }, select: { id: true } });
  if (taken) throw fieldError("email", "A user with this e-mail address already exists.");

  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        // The admin chose the password: the user picks their own at the first sign-in.
        data: { name: input.name.trim(), email, role: input.role, passwordHash, mustChangePassword: true },
        select: summarySelect,
      });
      await recordAudit(
        { actor: auditActor(actor), action: "USER_CREATED", target: email, details: { userId: user.id, name: user.name, role: user.role } },
        tx,
      );
      return toSummary(user);
    });
  } catch (error) {
    // Two admins adding the same address at once: the unique index decides.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw fieldError("email", "A user with this e-mail address already exists.");
    }
    throw error;
  }
}

export async function changeUserRole(actor: Actor, userId: string, role: Role): Promise<void> {
  assertRole(actor, "ADMIN");
  // Keeps at least one admin (the actor) and stops an admin locking themselves out by mistake.
  if (userId === actor.id && role !== "ADMIN") throw new AppError("INVALID", "You cannot remove your own admin role.");
  const user = await findUser(userId);
  if (user.role === role) return;
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { role } });
    await recordAudit(
      { actor: auditActor(actor), action: "USER_UPDATED", target: user.email, details: { userId, role: { from: user.role, to: role } } },
      tx,
    );
  });
}

/** Deactivating signs the user out everywhere (sessionVersion); their accounts stay theirs until reassigned. */
export async function setUserActive(actor: Actor, userId: string, active: boolean): Promise<void> {
  assertRole(actor, "ADMIN");
  if (userId === actor.id && !active) throw new AppError("INVALID", "You cannot deactivate your own user.");
  const user = await findUser(userId);
  if (user.active === active) return;
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: userId },
      data: active ? { active: true } : { active: false, sessionVersion: { increment: 1 } },
    });
    await recordAudit(
      { actor: auditActor(actor), action: active ? "USER_REACTIVATED" : "USER_DEACTIVATED", target: user.email, details: { userId } },
      tx,
    );
  });
}

/**
 * Sets a new password the user must change at the next sign-in, ends the user's open sessions and
 * lifts a sign-in lock-out.
 */
export async function resetUserPassword(actor: Actor, userId: string, password: string): Promise<void> {
  assertRole(actor, "ADMIN");
  const user = await findUser(userId);
  const problem = passwordProblem(password, { email: user.email });
  if (problem) throw fieldError("password", problem);
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash, mustChangePassword: true, sessionVersion: { increment: 1 } } });
    await endUserSessions(userId, { client: tx });
    await recordAudit({ actor: auditActor(actor), action: "PASSWORD_RESET", target: user.email, details: { userId } }, tx);
  });
  await clearFailures(user.email);
}

// ---- Account ownership (MANAGER, ADMIN) ----------------------------------

export interface OwnerOption {
  id: string;
  name: string;
  email: string;
  role: Role;
}

/** Active sales reps, the people bulk reassignment can move accounts to. */
export async function listReassignTargets(actor: Actor): Promise<OwnerOption[]> {
  assertRole(actor, "ADMIN", "MANAGER");
  return db.user.findMany({
    where: { active: true, role: "REP" },
    orderBy: { name: "asc" },
    select: { id: true, name: true, email: true, role: true },
  });
}

/** Which accounts to move: one account, all members of a published segment, or all rows of an accounts-list query. */
export type AccountSelection =
  | { kind: "account"; accountId: number }
  | { kind: "segment"; segmentId: number }
  | { kind: "query"; query: Partial<AccountQuery> };

export interface ReassignPreview {
  /** Accounts that would change owner (those already owned by the new owner are not counted). */
  count: number;
  owner: OwnerOption;
  /** What moves, to finish "N accounts from …": "segment “Cloud ERP”", "the accounts list filtered by region and hosting". */
  source: string;
}

async function resolveOwner(selection: AccountSelection, ownerId: string): Promise<OwnerOption> {
  const owner = await db.user.findFirst({
    // A single account may go to any active user; bulk moves are for sales reps' books.
    where: { id: ownerId, active: true, ...(selection.kind === "account" ? {} : { role: "REP" as const }) },
    select: { id: true, name: true, email: true, role: true },
  });
  if (!owner) {
    throw fieldError("ownerId", selection.kind === "account" ? "Choose an active user." : "Choose an active sales rep.");
  }
  return owner;
}

/** Filter names for the audit text: the search, then the list's filters by their labels (one table: lib/accounts/list-columns.ts). */
const FILTER_NAMES: [keyof AccountQuery, string][] = [["q", "search"], ...ACCOUNT_FILTERS.map((f): [keyof AccountQuery, string] => [f.key, f.label.toLowerCase()])];

/** "the accounts list filtered by region and hosting", or "all accounts" when nothing filters. */
function describeFilter(query: Partial<AccountQuery>): string {
  const used = FILTER_NAMES.filter(([key]) => {
    const value = query[key];
    return Array.isArray(value) ? value.length > 0 : typeof value === "string" && value.trim() !== "";
  }).map(([, name]) => name);
  if (used.length === 0) return "all accounts";
  const list = used.length === 1 ? used[0] : `${used.slice(0, -1).join(", ")} and ${used.at(-1)}`;
  return `the accounts list filtered by ${list}`;
}

/** The WHERE clause (over ACCOUNTS_FROM's aliases) for a selection, with the actor's visibility applied. */
async function selectionWhere(actor: Actor, selection: AccountSelection): Promise<{ where: Prisma.Sql; source: string; details: Prisma.InputJsonObject }> {
  switch (selection.kind) {
    case "account": {
      const account = await db.account.findUnique({ where: { id: selection.accountId }, select: { id: true, name: true, ownerId: true } });
      if (!account) throw fieldError("accountId", `There is no account with ID ${selection.accountId}.`);
      return {
        where: Prisma.sql`${accountWhereSql(actor, {})} AND a.id = ${account.id}`,
        source: `account “${account.name}” (#${account.id})`,
        details: { accountId: account.id, accountName: account.name, fromOwnerId: account.ownerId },
      };
    }
    case "segment": {
      const segment = await db.segment.findUnique({ where: { id: selection.segmentId }, select: { id: true, name: true, archived: true, publishedVersion: true } });
      if (!segment || segment.archived || segment.publishedVersion == null) {
        throw fieldError("segmentId", "Choose a published segment.");
      }
      return {
        where: accountWhereSql(actor, { segment: [segment.id] }),
        source: `segment “${segment.name}”`,
        details: { segmentId: segment.id, segmentName: segment.name, segmentVersion: segment.publishedVersion },
      };
    }
    case "query": {
      const filter = serializeAccountQuery({ ...selection.query, sort: null, dir: null, page: null, size: null });
      return { where: accountWhereSql(actor, selection.query), source: describeFilter(selection.query), details: { filter: filter || "(all accounts)" } };
    }
  }
}

/** How many accounts a reassignment would move, for the confirm step. */
export async function previewReassignment(actor: Actor, selection: AccountSelection, ownerId: string): Promise<ReassignPreview> {
  assertRole(actor, "ADMIN", "MANAGER");
  const owner = await resolveOwner(selection, ownerId);
  const { where, source } = await selectionWhere(actor, selection);
  const rows = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM ${ACCOUNTS_FROM} WHERE ${where} AND a.owner_id IS DISTINCT FROM ${owner.id}`;
  return { count: rows[0]?.n ?? 0, owner, source };
}

/** Move the selected accounts to one owner in a single UPDATE; returns how many changed owner. */
export async function reassignAccounts(actor: Actor, selection: AccountSelection, ownerId: string): Promise<{ moved: number; owner: OwnerOption }> {
  assertRole(actor, "ADMIN", "MANAGER");
  const owner = await resolveOwner(selection, ownerId);
  const { where, details } = await selectionWhere(actor, selection);
  const moved = await db.$transaction(async (tx) => {
    // One set-based statement; the subquery is the same FROM and WHERE the preview counted.
    const movedRows = await tx.$queryRaw<{ id: number }[]>`
      UPDATE accounts SET owner_id = ${owner.id}, updated_at = now()
      WHERE id IN (SELECT a.id FROM ${ACCOUNTS_FROM} WHERE ${where} AND a.owner_id IS DISTINCT FROM ${owner.id})
      RETURNING id`;
    const count = movedRows.length;
    if (count > 0) {
      // Rules may test the owner: moved accounts can enter or leave tiers and segments.
      await recomputeAll(tx, { reason: "DATA_CHANGE", detail: `Owner changed to ${owner.name}` }, { accountIds: movedRows.map((r) => r.id) });
      await recordAudit(
        {
          actor: auditActor(actor),
          action: "ACCOUNTS_REASSIGNED",
          target: owner.email,
          details: { source: selection.kind, ...details, toOwnerId: owner.id, toOwnerEmail: owner.email, moved: count },
        },
        tx,
      );
    }
    return count;
  }, LONG_TRANSACTION);
  return { moved, owner };
}
