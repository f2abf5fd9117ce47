import { expect, test } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import type { Role } from "@/lib/generated/prisma/enums";
import { session } from "./session-mock";

/** One row of the action x role table: the roles allowed, and a call (any arguments: the role is checked first). */
export interface ActionCase {
  allowed: readonly Role[];
  call: () => Promise<{ ok: boolean; code?: string }>;
}

const ROLES: readonly Role[] = ["ADMIN", "MANAGER", "REP"];

/**
 * The one action x role table: every action refuses the signed-out (UNAUTHENTICATED) and every
 * role it does not allow (FORBIDDEN), with a result, never a thrown or unexpected error. Allowed
 * roles are not called here (the feature tests exercise them). Needs vi.mock of
 * "@/lib/auth/session" with sessionModuleMock.
 */
export function actionRoleTable(cases: Record<string, ActionCase>, users: () => Record<Role, SessionUser>): void {
  for (const [name, { allowed, call }] of Object.entries(cases)) {
    test(`${name}: signed out is refused`, async () => {
      session.user = null;
      expect(await call()).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    });
    for (const role of ROLES.filter((r) => !allowed.includes(r))) {
      test(`${name}: ${role} is refused`, async () => {
        session.user = users()[role];
        expect(await call()).toMatchObject({ ok: false, code: "FORBIDDEN" });
      });
    }
  }
}
