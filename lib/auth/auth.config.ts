import type { NextAuthConfig } from "next-auth";

/**
 * The database-free half of the Auth.js configuration: pages, session strategy and the
 * JWT/session callbacks; lib/auth/auth.ts adds the credentials provider.
 */
export const authConfig = {
  pages: { signIn: "/sign-in" },
  // lib/auth/auth.ts sets maxAge to the absolute session lifetime; the server-side row (lib/auth/sessions.ts) enforces it.
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  trustHost: true,
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = user.role;
        token.sv = user.sessionVersion;
        token.sid = user.sessionId;
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = String(token.uid ?? "");
      session.user.role = token.role;
      session.user.sessionVersion = token.sv;
      session.user.sessionId = token.sid;
      return session;
    },
  },
} satisfies NextAuthConfig;
