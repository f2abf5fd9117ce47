import { beforeEach, describe, expect, test, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/sessions";

const state = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session-token", () => ({ sessionClaims: async () => (state.user ? { userId: state.user.id, sessionId: "s", sessionVersion: 0 } : null) }));
vi.mock("@/lib/auth/sessions", () => ({ sessionUserFor: async () => state.user }));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw new Error(`redirect ${to}`);
  },
}));

const { requireActionUser, requireUser } = await import("@/lib/auth/session");
const rep: SessionUser = { id: "u1", email: "rep@test.local", name: "Rep", role: "REP" };

describe("requireUser", () => {
  beforeEach(() => {
    state.user = null;
  });

  test("signed out: to the sign-in page", async () => {
    await expect(requireUser()).rejects.toThrow("redirect /sign-in");
  });

  test("a password an admin set: every page sends the user to change it first", async () => {
    state.user = { ...rep, mustChangePassword: true };
    await expect(requireUser()).rejects.toThrow("redirect /account/password");
    // The change action itself still knows who it is; nothing else goes around the page guard.
    await expect(requireActionUser([], { selfService: true })).resolves.toMatchObject({ id: "u1" });
    await expect(requireActionUser()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(requireActionUser(["REP"])).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  test("otherwise the user", async () => {
    state.user = { ...rep, mustChangePassword: false };
    await expect(requireUser()).resolves.toMatchObject({ id: "u1" });
  });
});
