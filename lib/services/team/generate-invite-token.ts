import { hashToken } from "@/lib/auth/hash-token";

/** A new invite secret: 32 random bytes as base64url (the link carries it), and its SHA-256 (the row keeps only that). */
export async function generateInviteToken(): Promise<{ token: string; tokenHash: string }> {
  const token = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url");
  return { token, tokenHash: await hashToken(token) };
}
