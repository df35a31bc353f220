import { jwtVerify, SignJWT } from "jose";
import { z } from "zod";
import { authEnv } from "@/lib/env/auth";
import type { Role } from "./roles";

/**
 * Bearer access tokens for the mobile app and scripts: HS256 JWTs (jose), 15 minutes, signed with a
 * key derived from NEXTAUTH_SECRET by HKDF (so it is never the key next-auth itself uses).
 * Edge-safe: jose and Web Crypto only, no Node imports, so the gateway middleware verifies them.
 */
export const ACCESS_TOKEN_ISSUER = "switchboard";
export const ACCESS_TOKEN_AUDIENCE = "switchboard-api";
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
/** RFC 9068 media type: a JWT of another kind signed with the same key is refused. */
const TOKEN_TYPE = "at+jwt";

/** Kept as literals (not imported from the drizzle schema) so the edge bundle stays small. */
const ROLE_VALUES = ["owner", "admin", "member", "viewer"] as const satisfies readonly Role[];

export interface AccessTokenClaims {
  /** User id. */
  sub: string;
  /** Company the token acts for; null only for a platform admin who belongs to no company (platform scope). */
  cid: string | null;
  /** The role in that company; null exactly when cid is. */
  role: Role | null;
  /** Platform admin. */
  pa: boolean;
  /** The refresh-token family it was issued with (revoking the family ends the session at the next refresh). */
  sid: string;
  /** The person's session generation when it was issued: the edge refuses it once the generation is bumped. */
  gen: number;
}

export interface VerifiedAccessToken extends AccessTokenClaims {
  iat: number;
  exp: number;
  jti: string;
}

const payloadSchema = z
  .object({
    sub: z.string().min(1),
    cid: z.string().min(1).nullable(),
    role: z.enum(ROLE_VALUES).nullable(),
    pa: z.boolean(),
    sid: z.string().min(1),
    gen: z.number().int().nonnegative(),
    iat: z.number(),
    exp: z.number(),
    jti: z.string().min(1),
  })
  // A token without a company is a platform admin's, and has no role; anyone else's names both.
  .refine((p) => (p.cid === null) === (p.role === null) && (p.cid !== null || p.pa));

const keys = new Map<string, Promise<Uint8Array>>();

/** HKDF-SHA256(NEXTAUTH_SECRET) with a fixed label: 32 bytes of HMAC key, derived once per secret. */
function signingKey(secret: string): Promise<Uint8Array> {
  let key = keys.get(secret);
  if (!key) {
    const enc = new TextEncoder();
    key = crypto.subtle
      .importKey("raw", enc.encode(secret), "HKDF", false, ["deriveBits"])
      .then((ikm) =>
        crypto.subtle.deriveBits(
          { name: "HKDF", hash: "SHA-256", salt: enc.encode("switchboard"), info: enc.encode("switchboard access token v1") },
          ikm,
          256,
        ),
      )
      .then((bits) => new Uint8Array(bits));
    keys.set(secret, key);
  }
  return key;
}

export interface AccessTokenOptions {
  /** Defaults to NEXTAUTH_SECRET. */
  secret?: string;
  /** Clock for tests. */
  now?: Date;
}

export async function signAccessToken(claims: AccessTokenClaims, opts: AccessTokenOptions = {}): Promise<string> {
  const iat = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  return new SignJWT({ cid: claims.cid, role: claims.role, pa: claims.pa, sid: claims.sid, gen: claims.gen })
    .setProtectedHeader({ alg: "HS256", typ: TOKEN_TYPE })
    .setSubject(claims.sub)
    .setIssuer(ACCESS_TOKEN_ISSUER)
    .setAudience(ACCESS_TOKEN_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ACCESS_TOKEN_TTL_SECONDS)
    .setJti(crypto.randomUUID())
    .sign(await signingKey(opts.secret ?? authEnv().NEXTAUTH_SECRET));
}

/**
 * The claims of a valid access token (signature, HS256 only, type, issuer, audience, expiry with 5 s
 * of clock skew), else null. Never throws on a bad token.
 */
export async function verifyAccessToken(token: string, opts: AccessTokenOptions = {}): Promise<VerifiedAccessToken | null> {
  if (!token || token.length > 4096) return null;
  try {
    const { payload } = await jwtVerify(token, await signingKey(opts.secret ?? authEnv().NEXTAUTH_SECRET), {
      algorithms: ["HS256"],
      typ: TOKEN_TYPE,
      issuer: ACCESS_TOKEN_ISSUER,
      audience: ACCESS_TOKEN_AUDIENCE,
      requiredClaims: ["sub", "exp", "iat"],
      clockTolerance: 5,
      currentDate: opts.now,
    });
    const parsed = payloadSchema.safeParse(payload);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
