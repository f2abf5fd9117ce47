import type { NextAuthConfig } from "next-auth";

/**
 * The edge-safe half of the Auth.js configuration: pages, session strategy and the
 * JWT/session callbacks. No database or Node-only imports here (the proxy loads it).
 */
export const authConfig = {
  pages: { signIn: "/sign-in" },
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  trustHost: true,
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = user.role;
        token.sv = user.sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = String(token.uid ?? "");
      session.user.role = token.role;
      session.user.sessionVersion = token.sv;
      return session;
    },
  },
} satisfies NextAuthConfig;
