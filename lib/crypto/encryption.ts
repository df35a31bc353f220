import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { authEnv } from "@/lib/env/auth";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A stored secret could not be decrypted: wrong key, tampered or truncated envelope, wrong context. */
export class DecryptionError extends Error {
  override readonly name = "DecryptionError";
}

/**
 * Encrypts an integration credential for storage: AES-256-GCM under ENCRYPTION_KEY, a fresh random
 * 12-byte IV each time, as `v1:<iv b64>:<tag b64>:<ciphertext b64>` (the version lets the scheme or key
 * change later without guessing). `context` (e.g. `co_123:retell_api_key`) is authenticated but not
 * stored: an envelope copied into another company's row or another column then fails to decrypt.
 */
export function encryptSecret(plain: string, context = ""): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key(), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64"), cipher.getAuthTag().toString("base64"), ciphertext.toString("base64")].join(":");
}

/** The inverse of encryptSecret, with the same `context`; throws DecryptionError on any mismatch. */
export function decryptSecret(envelope: string, context = ""): string {
  const parts = envelope.split(":");
  if (parts.length !== 4 || parts[0] !== VERSION) throw new DecryptionError("Not a v1 secret envelope");
  const [, ivB64, tagB64, dataB64] = parts as [string, string, string, string];
  const iv = Buffer.from(ivB64, "base64");
  const tag = Buffer.from(tagB64, "base64");
  // A short tag would weaken authentication, so its length is checked and pinned.
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new DecryptionError("Malformed secret envelope");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(), iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(dataB64, "base64")), decipher.final()]).toString("utf8");
  } catch {
    throw new DecryptionError("Secret could not be decrypted (wrong key, context or tampered data)");
  }
}

function key(): Buffer {
  return Buffer.from(authEnv().ENCRYPTION_KEY, "base64");
}

/**
 * The context for a company's integration credential: the company id and the column, e.g.
 * `credentialContext("co_…", "retell_api_key_enc")`. Use it on both encrypt and decrypt.
 */
export function credentialContext(companyId: string, column: string): string {
  return `${companyId}:${column}`;
}
