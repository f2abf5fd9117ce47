import type { Role } from "@/lib/generated/prisma/enums";

declare module "next-auth" {
  interface User {
    role?: Role;
    sessionVersion?: number;
    sessionId?: string;
  }
  interface Session {
    user: { id: string; role?: Role; sessionVersion?: number; sessionId?: string; name?: string | null; email?: string | null };
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    uid?: string;
    role?: Role;
    sv?: number;
    /** The auth_sessions row of this sign-in (lib/auth/sessions.ts). */
    sid?: string;
  }
}
