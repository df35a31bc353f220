/**
 * HMAC for the edge → Node calls the gateway makes on its miss path. The timestamp bounds replay;
 * the signature covers it and the body.
 */
const encoder = new TextEncoder();
export const INTERNAL_SIGNATURE_HEADER = "x-internal-signature";
const MAX_SKEW_MS = 30_000;

async function key(secret: string, usage: "sign" | "verify") {
  return crypto.subtle.importKey("raw", encoder.encode(`internal:${secret}`), { name: "HMAC", hash: "SHA-256" }, false, [usage]);
}

function hex(bytes: ArrayBuffer): string {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function unhex(text: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(new ArrayBuffer(text.length / 2));
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export async function signInternal(body: string, secret: string, now = Date.now()): Promise<string> {
  const sig = await crypto.subtle.sign("HMAC", await key(secret, "sign"), encoder.encode(`${now}.${body}`));
  return `t=${now},s=${hex(sig)}`;
}

export async function verifyInternal(header: string | null, body: string, secret: string, now = Date.now()): Promise<boolean> {
  const m = /^t=(\d+),s=([0-9a-f]{64})$/.exec(header ?? "");
  if (!m) return false;
  const t = Number(m[1]);
  if (Math.abs(now - t) > MAX_SKEW_MS) return false;
  return crypto.subtle.verify("HMAC", await key(secret, "verify"), unhex(m[2]!), encoder.encode(`${t}.${body}`));
}
