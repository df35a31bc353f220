import { randomBytes } from "node:crypto";

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Random ids in the vendors' own shapes (`call_…` hex for Retell, `cs_test_…` for Stripe …). */
export function hexId(prefix: string, bytes = 14): string {
  return `${prefix}${randomBytes(bytes).toString("hex")}`;
}

export function alnumId(prefix: string, length = 24): string {
  const bytes = randomBytes(length);
  let out = prefix;
  for (let i = 0; i < length; i++) out += ALNUM[bytes[i]! % ALNUM.length];
  return out;
}
