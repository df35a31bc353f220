import type { ApiKeyEnvironment } from "@/lib/db/schema/api-keys";
import { hashToken } from "@/lib/auth/hash-token";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const RANDOM_LENGTH = 32;
/** `sb_live_` + 4 random characters: enough to tell keys apart on a settings page. */
const DISPLAY_PREFIX_LENGTH = 12;

export interface ApiKeySecret {
  /** `sb_live_<32 base62>`: shown to the creator once, never stored. */
  secret: string;
  keyHash: string;
  prefix: string;
  lastFour: string;
}

/** 32 base62 characters (~190 bits) from crypto.getRandomValues, without modulo bias. */
function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const b of crypto.getRandomValues(new Uint8Array(length * 2))) {
      // 248 = 4 × 62: bytes above it would favour the first characters, so they are skipped.
      if (b < 248 && out.length < length) out += BASE62[b % 62];
    }
  }
  return out;
}

/** A new secret with what we keep of it: its SHA-256, a display prefix and the last four characters. */
export async function generateApiKeySecret(environment: ApiKeyEnvironment): Promise<ApiKeySecret> {
  const secret = `sb_${environment}_${randomBase62(RANDOM_LENGTH)}`;
  return {
    secret,
    keyHash: await hashToken(secret),
    prefix: secret.slice(0, DISPLAY_PREFIX_LENGTH),
    lastFour: secret.slice(-4),
  };
}
