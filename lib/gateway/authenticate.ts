import { getToken } from "next-auth/jwt";
import { verifyAccessToken } from "@/lib/auth/access-token";
import { hashToken } from "@/lib/auth/hash-token";
import { isRole, type Role } from "@/lib/auth/roles";
import { isSessionTooOld } from "@/lib/auth/session-policy";

/** Who the caller claims to be, before the limiter (which also checks API keys against Redis). */
export type Identity =
  | { kind: "anonymous" }
  | { kind: "invalid"; reason: string }
  /** A session cookie past its absolute maximum age: refused like a session whose generation was bumped. */
  | { kind: "ended" }
  | {
      kind: "person";
      auth: "session" | "token";
      userId: string;
      companyId: string | null;
      role: Role | null;
      isPlatformAdmin: boolean;
      /** The session generation it was issued under; the gateway script compares it with the person's record. */
      generation: number;
    }
  | { kind: "api_key"; keyHash: string };

const API_KEY = /^sb_(live|test)_[A-Za-z0-9]{16,128}$/;

/**
 * Step 2: an API key (`Bearer sb_live_…`, hashed here so only the hash goes further), a bearer
 * access token (jose, verified here), or the next-auth session cookie (its JWT, decrypted here).
 * A credential that is present but wrong is "invalid" (401 after the IP layer counted it), never
 * silently anonymous.
 */
export async function authenticate(req: Request, secret: string): Promise<Identity> {
  const header = req.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) return { kind: "invalid", reason: "Use Authorization: Bearer <token or API key>." };
    const credential = match[1]!;
    if (credential.startsWith("sb_")) {
      if (!API_KEY.test(credential)) return { kind: "invalid", reason: "Malformed API key." };
      return { kind: "api_key", keyHash: await hashToken(credential) };
    }
    const claims = await verifyAccessToken(credential);
    if (!claims) return { kind: "invalid", reason: "The access token is invalid or expired." };
    return {
      kind: "person",
      auth: "token",
      userId: claims.sub,
      companyId: claims.cid,
      role: claims.role,
      isPlatformAdmin: claims.pa,
      generation: claims.gen,
    };
  }

  // next-auth's session cookie: only read when present, so anonymous traffic costs no decryption.
  const cookie = req.headers.get("cookie") ?? "";
  if (!cookie.includes("next-auth.session-token")) return { kind: "anonymous" };
  const token = await getToken({
    req: req as never,
    secret,
    secureCookie: new URL(req.url).protocol === "https:" || cookie.includes("__Secure-next-auth.session-token"),
  });
  if (!token?.uid) return { kind: "anonymous" };
  if (isSessionTooOld(token.authAt)) return { kind: "ended" };
  return {
    kind: "person",
    auth: "session",
    userId: token.uid,
    companyId: token.companyId ?? null,
    role: isRole(token.role) ? token.role : null,
    isPlatformAdmin: token.isPlatformAdmin === true,
    generation: typeof token.gen === "number" ? token.gen : 0,
  };
}
