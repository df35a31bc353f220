/** Every id prefix the product hands out; the prefix says what an id points at. */
export const ID_PREFIXES = {
  company: "co",
  user: "usr",
  membership: "mem",
  apiKey: "key",
  customer: "cus",
  call: "call",
  appointment: "appt",
  invoice: "inv",
  payment: "pay",
  usage: "use",
  audit: "aud",
  webhookEvent: "whe",
  export: "exp",
  file: "file",
  service: "svc",
  serviceInstance: "svi",
  setting: "set",
  refreshToken: "rt",
  invite: "ivt",
  emailEvent: "eml",
  request: "req",
} as const;

export type IdKind = keyof typeof ID_PREFIXES;
export type IdPrefix = (typeof ID_PREFIXES)[IdKind];

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford base32: sorts like the time it encodes

function encodeTime(ms: number, length = 10): string {
  let out = "";
  let t = ms;
  for (let i = 0; i < length; i++) {
    out = ALPHABET[t % 32] + out;
    t = Math.floor(t / 32);
  }
  return out;
}

function encodeRandom(bytes: Uint8Array, length = 16): string {
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i]! % 32];
  return out;
}

/**
 * `call_01JD8X...`: a typed prefix and a ULID-style body (48-bit ms time + 80 random bits),
 * so ids sort by creation time and keyset pagination can use them as a tie-breaker.
 * Pass `at` and `random` to make ids deterministic (seeding, tests).
 */
export function createId(kind: IdKind, opts: { at?: Date | number; random?: () => number } = {}): string {
  const ms = opts.at === undefined ? Date.now() : typeof opts.at === "number" ? opts.at : opts.at.getTime();
  const bytes = opts.random
    ? Uint8Array.from({ length: 16 }, () => Math.floor(opts.random!() * 256))
    : crypto.getRandomValues(new Uint8Array(16));
  return `${ID_PREFIXES[kind]}_${encodeTime(ms)}${encodeRandom(bytes)}`;
}

/** The time encoded in an id created by createId. */
export function idTime(id: string): Date {
  const body = id.slice(id.lastIndexOf("_") + 1, id.lastIndexOf("_") + 11);
  let ms = 0;
  for (const ch of body) ms = ms * 32 + ALPHABET.indexOf(ch);
  return new Date(ms);
}
