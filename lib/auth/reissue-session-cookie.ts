import { decode, encode } from "next-auth/jwt";
import { authEnv } from "@/lib/env/auth";
import { SESSION_IDLE_SECONDS } from "./session-policy";

/**
 * The `Set-Cookie` that keeps the caller's own browser signed in after a change that ended every
 * session (a password change): the same session (sign-in time, company, role) under the new
 * generation. Null when the request came without a session cookie (a bearer token: it ended with the
 * rest, and the client signs in again). The cookie's attributes are next-auth's own defaults.
 */
export async function reissueSessionCookie(req: Request, generation: number): Promise<string | null> {
  const cookies = new Map(
    (req.headers.get("cookie") ?? "")
      .split(";")
      .map((c) => c.trim().split("="))
      .filter((kv) => kv.length >= 2)
      .map(([k, ...v]) => [k!, v.join("=")]),
  );
  const name = cookies.has("__Secure-next-auth.session-token") ? "__Secure-next-auth.session-token" : "next-auth.session-token";
  const current = cookies.get(name);
  if (!current) return null;
  const secret = authEnv().NEXTAUTH_SECRET;
  const token = await decode({ token: decodeURIComponent(current), secret }).catch(() => null);
  if (!token?.uid) return null;
  const jwt = await encode({ token: { ...token, gen: generation }, secret, maxAge: SESSION_IDLE_SECONDS });
  const secure = name.startsWith("__Secure-") || new URL(req.url).protocol === "https:";
  return `${name}=${jwt}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_IDLE_SECONDS}${secure ? "; Secure" : ""}`;
}
