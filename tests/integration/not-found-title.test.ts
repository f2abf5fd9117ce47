/**
 * A page a role may not open answers that role with the same 404 as a missing page, title
 * included: the document title is decided after the role check, so a REP's 404 for /reassign or
 * an /admin page never says "Reassign accounts" or "Audit log".
 */
import type { Metadata } from "next";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { createUser } from "../support/fixtures";
import { resetDatabase } from "../support/reset-db";
import { session, sessionModuleMock } from "../support/session-mock";

vi.mock("@/lib/auth/session", () => sessionModuleMock());

type PageModule = { metadata?: Metadata; generateMetadata?: (props: { params: Promise<Record<string, string>> }) => Promise<Metadata> };

// [module, its title for a role it lets in, the roles it lets in]
const PAGES: [string, () => Promise<PageModule>, string, SessionUser["role"][]][] = [
  ["/reassign", () => import("@/app/(app)/reassign/page"), "Reassign accounts", ["ADMIN", "MANAGER"]],
  ["/admin/plays", () => import("@/app/(app)/admin/plays/(overview)/page"), "Plays", ["ADMIN", "MANAGER"]],
  ["/admin/users", () => import("@/app/(app)/admin/users/page"), "Users", ["ADMIN"]],
  ["/admin/audit", () => import("@/app/(app)/admin/audit/page"), "Audit log", ["ADMIN"]],
  ["/admin/jobs", () => import("@/app/(app)/admin/jobs/page"), "Jobs", ["ADMIN"]],
  ["/admin/api", () => import("@/app/(app)/admin/api/page"), "API & webhooks", ["ADMIN"]],
  ["/admin/import", () => import("@/app/(app)/admin/import/page"), "Import data", ["ADMIN"]],
  ["/admin/rules", () => import("@/app/(app)/admin/rules/page"), "Rules", ["ADMIN"]],
  ["/admin/rules/tiers", () => import("@/app/(app)/admin/rules/tiers/page"), "Tier scheme · Rules", ["ADMIN"]],
  ["/admin/rules/scoring", () => import("@/app/(app)/admin/rules/scoring/page"), "Priority score · Rules", ["ADMIN"]],
  ["/admin/plays/new", () => import("@/app/(app)/admin/plays/new/page"), "New play · Plays", ["ADMIN"]],
];

const users = {} as Record<SessionUser["role"], SessionUser>;
beforeAll(async () => {
  await resetDatabase();
  users.ADMIN = await createUser("ADMIN", "admin@test.local");
  users.MANAGER = await createUser("MANAGER", "manager@test.local");
  users.REP = await createUser("REP", "rep@test.local");
});
afterAll(() => db.$disconnect());

async function titleFor(load: () => Promise<PageModule>, role: SessionUser["role"] | null, params: Record<string, string> = {}) {
  session.user = role ? users[role] : null;
  const page = await load();
  // A static `metadata` is resolved whatever the role check says: none of these pages may have one.
  expect(page.metadata).toBeUndefined();
  return (await page.generateMetadata!({ params: Promise.resolve(params) })).title;
}

describe.each(PAGES)("%s", (_, load, title, allowed) => {
  test.each(["ADMIN", "MANAGER", "REP"] as const)("as %s", async (role) => {
    expect(await titleFor(load, role)).toBe(allowed.includes(role) ? title : "Page not found");
  });

  test("signed out", async () => {
    expect(await titleFor(load, null)).toBe("Page not found");
  });
});

test("the editors of one play or segment: the 404 title for anyone but an admin", async () => {
  const editors = [() => import("@/app/(app)/admin/plays/[id]/page"), () => import("@/app/(app)/admin/rules/segments/[id]/page")];
  for (const load of editors as unknown as (() => Promise<PageModule>)[]) {
    for (const role of ["MANAGER", "REP"] as const) expect(await titleFor(load, role, { id: "1" })).toBe("Page not found");
  }
});

test("a missing page has that same title", async () => {
  for (const load of [() => import("@/app/not-found"), () => import("@/app/(app)/not-found")]) {
    expect(((await load()) as PageModule).metadata?.title).toBe("Page not found");
  }
});
