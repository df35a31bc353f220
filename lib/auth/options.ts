import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { authEnv } from "@/lib/env/auth";
import { logger } from "@/lib/log/logger";
import { endUserSessions } from "@/lib/services/users/end-user-sessions";
import { releaseLoginAttempt } from "./release-login-attempt";
import { reserveLoginAttempt } from "./reserve-login-attempt";
import { isRole } from "./roles";
import { isSessionTooOld, SESSION_IDLE_SECONDS } from "./session-policy";
import { verifyCredentials } from "./verify-credentials";

const credentialsSchema = z.object({
  email: z.string().email().max(254),
  password: z.string().min(1).max(200),
  companyId: z.string().max(40).optional(),
});

let cached: NextAuthOptions | undefined;

/** next-auth 4 configuration, built lazily so `next build` needs no secrets. JWT sessions, set explicitly. */
export function authOptions(): NextAuthOptions {
  if (cached) return cached;
  cached = {
    secret: authEnv().NEXTAUTH_SECRET,
    // Sliding: each use extends the cookie by the idle time, never past the absolute maximum (jwt callback, and the edge).
    session: { strategy: "jwt", maxAge: SESSION_IDLE_SECONDS },
    jwt: { maxAge: SESSION_IDLE_SECONDS },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(raw) {
          const parsed = credentialsSchema.safeParse(raw);
          if (!parsed.success) return null;
          // Per-email brute-force limit, shared with POST /api/v1/auth/token: an attempt is reserved atomically
          // before bcrypt (parallel guesses cannot all pass) and given back on success; fails closed without Redis.
          const limit = await reserveLoginAttempt(parsed.data.email).catch((err: unknown) => {
            logger().warn({ errorName: err instanceof Error ? err.name : "unknown" }, "login limiter unavailable; sign-in refused");
            return null;
          });
          if (!limit?.ok) return null;
          const user = await verifyCredentials(parsed.data.email, parsed.data.password, parsed.data.companyId);
          if (!user) return null;
          await releaseLoginAttempt(parsed.data.email);
          return { ...user, id: user.id };
        },
      }),
    ],
    events: {
      // Server-side sign-out: the person's session generation moves on, so this cookie (and any copy of it) is refused at the edge.
      async signOut({ token }) {
        if (!token?.uid) return;
        await endUserSessions(token.uid).catch((err: unknown) =>
          logger().error(
            { errorName: err instanceof Error ? err.name : "unknown", userId: token.uid },
            "sign-out could not end the sessions",
          ),
        );
      },
    },
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          const u = user as unknown as Record<string, unknown>;
          token.authAt = Math.floor(Date.now() / 1000);
          token.gen = typeof u.sessionGeneration === "number" ? u.sessionGeneration : 0;
          token.uid = String(u.id);
          token.companyId = (u.companyId as string | null) ?? null;
          token.companyName = (u.companyName as string | null) ?? null;
          token.role = isRole(u.role) ? u.role : null;
          token.isPlatformAdmin = u.isPlatformAdmin === true;
        } else if (isSessionTooOld(token.authAt)) {
          // next-auth deletes the cookie when this callback throws; the edge already refuses it (lib/gateway/authenticate.ts).
          throw new Error("session past its absolute maximum age");
        }
        return token;
      },
      async session({ session, token }) {
        session.user = {
          ...session.user,
          id: token.uid,
          companyId: token.companyId,
          companyName: token.companyName,
          role: token.role,
          isPlatformAdmin: token.isPlatformAdmin,
        };
        return session;
      },
    },
  };
  return cached;
}
