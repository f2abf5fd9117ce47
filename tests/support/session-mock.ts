import type { SessionUser } from "@/lib/auth/session";

/**
 * Server actions read the signed-in user through lib/auth/session. Tests replace that module
 * with this one (vi.mock) and choose the user; the role check is the real `authorize`.
 */
export const session: { user: SessionUser | null } = { user: null };

export async function sessionModuleMock() {
  const { authorize } = await import("@/lib/auth/access");
  return {
    getSessionUser: async () => session.user,
    requireUser: async () => authorize(session.user, []),
    requireActionUser: async (roles: readonly SessionUser["role"][] = []) => authorize(session.user, [...roles]),
  };
}
