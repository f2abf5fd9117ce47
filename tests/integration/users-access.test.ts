import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { Actor } from "@/lib/auth/access";
import { verifyPassword } from "@/lib/auth/password";
import { listAuditEntries } from "@/lib/data/audit-log";
import {
  changeUserRole,
  createUser,
  listReassignTargets,
  listUsers,
  previewReassignment,
  reassignAccounts,
  resetUserPassword,
  setUserActive,
} from "@/lib/data/users";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { createAccounts, createUser as createTestUser, draftSegment, publishSegment } from "../support/fixtures";
import { resetDatabase } from "../support/reset-db";

const actors: Record<Role, Actor> = {
  ADMIN: { id: "u-admin", role: "ADMIN", email: "admin@test.local" },
  MANAGER: { id: "u-manager", role: "MANAGER", email: "manager@test.local" },
  REP: { id: "u-rep", role: "REP", email: "rep@test.local" },
};
const TARGET = "u-target";
const OTHER_REP = "u-rep2";
let segmentId = 0;
let firstAccountId = 0;

beforeAll(async () => {
  await resetDatabase();
  for (const a of Object.values(actors)) await createTestUser(a.role, a.email!, a.role, { id: a.id });
  await createTestUser("REP", "target@test.local", "Target", { id: TARGET });
  await createTestUser("REP", "rep2@test.local", "Rep Two", { id: OTHER_REP });
  segmentId = await publishSegment("Published", {});
  firstAccountId = (await createAccounts(3, { ownerId: OTHER_REP }))[0]!;
  await db.accountSegment.createMany({ data: [{ segmentId, accountId: firstAccountId }] });
});

afterAll(() => db.$disconnect());

const forbidden = (p: Promise<unknown>) => expect(p).rejects.toSatisfy((e) => e instanceof AppError && e.code === "FORBIDDEN");

/** Every data function behind /admin/users and /admin/audit, with who may call it. */
const operations: { name: string; allowed: Role[]; run: (actor: Actor) => Promise<unknown> }[] = [
  { name: "listUsers", allowed: ["ADMIN"], run: (a) => listUsers(a) },
  {
    name: "createUser",
    allowed: ["ADMIN"],
    run: (a) => createUser(a, { name: "New", email: `new-${a.role.toLowerCase()}@test.local`, role: "REP", password: "violet-otter-harbour" }),
  },
  { name: "changeUserRole", allowed: ["ADMIN"], run: (a) => changeUserRole(a, TARGET, "MANAGER") },
  { name: "setUserActive (deactivate)", allowed: ["ADMIN"], run: (a) => setUserActive(a, TARGET, false) },
  { name: "setUserActive (reactivate)", allowed: ["ADMIN"], run: (a) => setUserActive(a, TARGET, true) },
  { name: "resetUserPassword", allowed: ["ADMIN"], run: (a) => resetUserPassword(a, TARGET, "copper-kites-at-dawn") },
  { name: "listAuditEntries", allowed: ["ADMIN"], run: (a) => listAuditEntries(a, { page: 1 }) },
  { name: "listReassignTargets", allowed: ["ADMIN", "MANAGER"], run: (a) => listReassignTargets(a) },
  {
    name: "previewReassignment",
    allowed: ["ADMIN", "MANAGER"],
    run: (a) => previewReassignment(a, { kind: "segment", segmentId }, OTHER_REP),
  },
  {
    name: "reassignAccounts (one account)",
    allowed: ["ADMIN", "MANAGER"],
    run: (a) => reassignAccounts(a, { kind: "account", accountId: firstAccountId }, a.id === actors.REP.id ? OTHER_REP : a.id),
  },
  {
    name: "reassignAccounts (segment)",
    allowed: ["ADMIN", "MANAGER"],
    run: (a) => reassignAccounts(a, { kind: "segment", segmentId }, OTHER_REP),
  },
  {
    name: "reassignAccounts (list query)",
    allowed: ["ADMIN", "MANAGER"],
    run: (a) => reassignAccounts(a, { kind: "query", query: { hosting: ["HYBRID"] } }, OTHER_REP),
  },
];

describe("action × role", () => {
  const table = operations.flatMap((op) => (["ADMIN", "MANAGER", "REP"] as const).map((role) => [op.name, role, op] as const));
  test.each(table)("%s as %s", async (_name, role, op) => {
    if (op.allowed.includes(role)) await op.run(actors[role]); // throws (and fails) if refused
    else await forbidden(op.run(actors[role]));
  });

  test("a refused call changes nothing and records nothing", async () => {
    const before = await db.auditLog.count();
    const target = await db.user.findUniqueOrThrow({ where: { id: TARGET } });
    await forbidden(setUserActive(actors.MANAGER, TARGET, !target.active));
    await forbidden(reassignAccounts(actors.REP, { kind: "segment", segmentId }, actors.REP.id));
    expect((await db.user.findUniqueOrThrow({ where: { id: TARGET } })).active).toBe(target.active);
    expect(await db.auditLog.count()).toBe(before);
  });
});

describe("user management", () => {
  const admin = actors.ADMIN;

  test("creates a user with a lower-cased e-mail, a hashed password and an audit entry", async () => {
    const user = await createUser(admin, { name: "Ann Lee", email: "Ann.Lee@Example.COM", role: "MANAGER", password: "violet-otter-harbour" });
    expect(user).toMatchObject({ email: "ann.lee@example.com", role: "MANAGER", active: true, accountsOwned: 0 });
    expect(user).not.toHaveProperty("passwordHash");
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id }, omit: { passwordHash: false } });
    expect(await verifyPassword("violet-otter-harbour", stored.passwordHash)).toBe(true);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "USER_CREATED", target: "ann.lee@example.com" } });
    expect(audit).toMatchObject({ actorId: admin.id, actorEmail: admin.email });
    expect(JSON.stringify(audit.details)).not.toContain("violet");
  });

  test("refuses a duplicate e-mail whatever its case, as an e-mail field error", async () => {
    await createTestUser("REP", "Mixed.Case@Test.Local", "Legacy");
    for (const email of ["ANN.LEE@example.com", "mixed.case@test.local"]) {
      const error = await createUser(admin, { name: "Dup", email, role: "REP", password: "violet-otter-harbour" }).catch((e) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: "INVALID", fieldErrors: { email: expect.any(String) } });
    }
  });

  test("enforces the password policy in the data layer too", async () => {
    const weak = await createUser(admin, { name: "Weak", email: "weak@test.local", role: "REP", password: "Password1234" }).catch((e) => e);
    expect(weak).toMatchObject({ fieldErrors: { password: expect.any(String) } });
    const own = await resetUserPassword(admin, TARGET, "target-is-my-name").catch((e) => e);
    expect(own).toMatchObject({ fieldErrors: { password: expect.stringMatching(/e-mail/) }, message: expect.stringMatching(/e-mail/) });
    expect(await db.user.count({ where: { email: "weak@test.local" } })).toBe(0);
  });

  test("deactivation bumps sessionVersion and reactivation keeps the bump", async () => {
    await setUserActive(admin, TARGET, true);
    const before = await db.user.findUniqueOrThrow({ where: { id: TARGET } });
    await setUserActive(admin, TARGET, false);
    const after = await db.user.findUniqueOrThrow({ where: { id: TARGET } });
    expect(after.active).toBe(false);
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    await setUserActive(admin, TARGET, true);
    const back = await db.user.findUniqueOrThrow({ where: { id: TARGET } });
    expect(back).toMatchObject({ active: true, sessionVersion: after.sessionVersion });
    const actions = (await db.auditLog.findMany({ where: { target: "target@test.local" }, orderBy: { id: "asc" } })).map((e) => e.action);
    expect(actions.slice(-2)).toEqual(["USER_DEACTIVATED", "USER_REACTIVATED"]);
  });

  test("a password reset bumps sessionVersion, stores the new hash and lifts a lock-out", async () => {
    await db.signInLimit.create({ data: { key: "pair:target@test.local|203.0.113.9", points: 6, expire: BigInt(Date.now() + 60_000) } });
    const before = await db.user.findUniqueOrThrow({ where: { id: TARGET } });
    await resetUserPassword(admin, TARGET, "seven-lazy-copper-kites");
    const after = await db.user.findUniqueOrThrow({ where: { id: TARGET }, omit: { passwordHash: false } });
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(await verifyPassword("seven-lazy-copper-kites", after.passwordHash)).toBe(true);
    expect(await db.signInLimit.count({ where: { key: { contains: "target@test.local" } } })).toBe(0);
    expect(await db.auditLog.count({ where: { action: "PASSWORD_RESET", target: "target@test.local" } })).toBeGreaterThan(0);
  });

  test("an admin cannot deactivate or demote themselves", async () => {
    await expect(setUserActive(admin, admin.id, false)).rejects.toMatchObject({ code: "INVALID" });
    await expect(changeUserRole(admin, admin.id, "MANAGER")).rejects.toMatchObject({ code: "INVALID" });
    const me = await db.user.findUniqueOrThrow({ where: { id: admin.id } });
    expect(me).toMatchObject({ active: true, role: "ADMIN" });
  });

  test("changing a role is audited with from and to", async () => {
    await changeUserRole(admin, TARGET, "REP");
    await changeUserRole(admin, TARGET, "MANAGER");
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: "USER_UPDATED", target: "target@test.local" }, orderBy: { id: "desc" } });
    expect(entry.details).toMatchObject({ role: { from: "REP", to: "MANAGER" } });
    await changeUserRole(admin, TARGET, "REP");
  });

  test("unknown users are NOT_FOUND", async () => {
    await expect(setUserActive(admin, "nope", false)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(resetUserPassword(admin, "nope", "seven-lazy-copper-kites")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  test("listUsers counts owned accounts and returns no secrets", async () => {
    const users = await listUsers(admin);
    const rep2 = users.find((u) => u.id === OTHER_REP);
    expect(rep2?.accountsOwned).toBe(await db.account.count({ where: { ownerId: OTHER_REP } }));
    for (const u of users) expect(Object.keys(u).sort()).toEqual(["accountsOwned", "active", "createdAt", "email", "id", "name", "role"]);
  });
});

describe("reassigning accounts", () => {
  const manager = actors.MANAGER;
  beforeEach(async () => {
    await db.account.updateMany({ data: { ownerId: OTHER_REP } });
  });

  test("all accounts of a published segment move in one go, and the count matches the preview", async () => {
    const ids = await createAccounts(4);
    await db.accountSegment.createMany({ data: ids.map((accountId) => ({ segmentId, accountId })) });
    const members = await db.accountSegment.count({ where: { segmentId } });
    const preview = await previewReassignment(manager, { kind: "segment", segmentId }, TARGET);
    expect(preview).toMatchObject({ count: members, owner: { id: TARGET }, source: "segment “Published”" });
    const { moved } = await reassignAccounts(manager, { kind: "segment", segmentId }, TARGET);
    expect(moved).toBe(members);
    expect(await db.account.count({ where: { ownerId: TARGET, segments: { some: { segmentId } } } })).toBe(members);
    expect(await db.account.count({ where: { ownerId: TARGET } })).toBe(members);
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: "ACCOUNTS_REASSIGNED" }, orderBy: { id: "desc" } });
    expect(entry).toMatchObject({ actorId: manager.id, details: { source: "segment", segmentId, moved: members, toOwnerId: TARGET } });
    // Moving them again changes nothing and counts nothing.
    expect((await reassignAccounts(manager, { kind: "segment", segmentId }, TARGET)).moved).toBe(0);
  });

  test("all accounts matching a list query move, and only those", async () => {
    await createAccounts(3, { hostingPreference: "HYBRID" });
    const hybrid = await db.account.count({ where: { hostingPreference: "HYBRID" } });
    const preview = await previewReassignment(manager, { kind: "query", query: { hosting: ["HYBRID"], q: " " } }, TARGET);
    expect(preview).toMatchObject({ count: hybrid, source: "the accounts list filtered by hosting" });
    const { moved } = await reassignAccounts(manager, { kind: "query", query: { hosting: ["HYBRID"] } }, TARGET);
    expect(moved).toBe(hybrid);
    expect(await db.account.count({ where: { ownerId: TARGET } })).toBe(hybrid);
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: "ACCOUNTS_REASSIGNED" }, orderBy: { id: "desc" } });
    expect(entry.details).toMatchObject({ source: "query", filter: "?hosting=HYBRID", moved: hybrid });
  });

  test("a single account moves to any active user, recording who had it", async () => {
    const { moved } = await reassignAccounts(manager, { kind: "account", accountId: firstAccountId }, manager.id);
    expect(moved).toBe(1);
    expect((await db.account.findUniqueOrThrow({ where: { id: firstAccountId } })).ownerId).toBe(manager.id);
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: "ACCOUNTS_REASSIGNED" }, orderBy: { id: "desc" } });
    expect(entry.details).toMatchObject({ source: "account", accountId: firstAccountId, fromOwnerId: OTHER_REP, toOwnerId: manager.id });
  });

  test("bulk moves only go to active sales reps; unknown accounts and unpublished segments are field errors", async () => {
    await expect(reassignAccounts(manager, { kind: "segment", segmentId }, manager.id)).rejects.toMatchObject({ fieldErrors: { ownerId: expect.any(String) } });
    await setUserActive(actors.ADMIN, TARGET, false);
    await expect(reassignAccounts(manager, { kind: "segment", segmentId }, TARGET)).rejects.toMatchObject({ fieldErrors: { ownerId: expect.any(String) } });
    await setUserActive(actors.ADMIN, TARGET, true);
    await expect(reassignAccounts(manager, { kind: "account", accountId: 999_999 }, TARGET)).rejects.toMatchObject({ fieldErrors: { accountId: expect.any(String) } });
    const draftId = await draftSegment("Draft only", {});
    await expect(reassignAccounts(manager, { kind: "segment", segmentId: draftId }, TARGET)).rejects.toMatchObject({ fieldErrors: { segmentId: expect.any(String) } });
    expect(await db.account.count({ where: { ownerId: TARGET } })).toBe(0);
  });
});
