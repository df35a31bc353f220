import { hashToken } from "@/lib/auth/hash-token";
import { SESSION_ABSOLUTE_MAX_SECONDS } from "@/lib/auth/session-policy";
import { refreshTokens } from "@/lib/db/schema/refresh-tokens";
import type { DbExecutor } from "@/lib/db/tenant";
import { createId } from "@/lib/ids/create-id";

export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export interface NewRefreshTokenInput {
  userId: string;
  /** Null: a platform admin's platform-scope session (no company). */
  companyId: string | null;
  /** The person's session generation at sign-in; a rotation passes its predecessor's. */
  sessionGeneration: number;
  /** Absent: a new family (a sign-in); its id is the first token's id. */
  familyId?: string;
  /** The family's sign-in time (a rotation passes its predecessor's); absent: a sign-in, `now`. */
  familyStartedAt?: Date;
  /** Pre-chosen id (a rotation writes it into its predecessor's replaced_by first). */
  id?: string;
  ip?: string | null;
  userAgent?: string | null;
  now: Date;
}

function randomBase64Url(bytes: number): string {
  let bin = "";
  for (const b of crypto.getRandomValues(new Uint8Array(bytes))) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/**
 * 32 random bytes (base64url) handed to the client; only their SHA-256 is stored. It expires
 * REFRESH_TOKEN_TTL_MS after `now`, but never past SESSION_ABSOLUTE_MAX_SECONDS after the family signed in.
 */
export async function createRefreshToken(
  db: DbExecutor,
  input: NewRefreshTokenInput,
): Promise<{ id: string; token: string; familyId: string }> {
  const id = input.id ?? createId("refreshToken", { at: input.now });
  const token = randomBase64Url(32);
  const familyId = input.familyId ?? id;
  const familyStartedAt = input.familyStartedAt ?? input.now;
  const expiresAt = Math.min(input.now.getTime() + REFRESH_TOKEN_TTL_MS, familyStartedAt.getTime() + SESSION_ABSOLUTE_MAX_SECONDS * 1000);
  await db.insert(refreshTokens).values({
    id,
    userId: input.userId,
    companyId: input.companyId,
    tokenHash: await hashToken(token),
    familyId,
    sessionGeneration: input.sessionGeneration,
    familyStartedAt,
    expiresAt: new Date(expiresAt),
    ip: input.ip?.slice(0, 45) ?? null,
    userAgent: input.userAgent?.slice(0, 255) ?? null,
    createdAt: input.now,
  });
  return { id, token, familyId };
}
