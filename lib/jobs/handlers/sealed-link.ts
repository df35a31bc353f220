import { z } from "zod";
import { decryptSecret, encryptSecret } from "@/lib/crypto/encryption";

/** Encryption context of links that carry a secret token (invite acceptance, password reset). */
const CONTEXT = "email-link";

/**
 * A link carrying a secret token travels through the job queue (Redis: outbox, job data, dead letters)
 * sealed with AES-GCM: only the worker that renders the email opens it. The database keeps only the
 * token's hash; Redis never sees the token at all.
 */
export function sealLink(url: string): string {
  return encryptSecret(url, CONTEXT);
}

/** Opens a sealed link and checks it is an http(s) URL; anything else fails the schema. */
export const sealedLinkSchema = z
  .string()
  .transform((sealed, ctx) => {
    try {
      return decryptSecret(sealed, CONTEXT);
    } catch {
      ctx.addIssue({ code: "custom", message: "not a sealed link" });
      return z.NEVER;
    }
  })
  .pipe(
    z
      .string()
      .url()
      .refine((u) => /^https?:\/\//.test(u), "must be an http(s) URL"),
  );
