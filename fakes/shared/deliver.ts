/** What the target answered to a webhook delivery. */
export interface Delivery {
  target: string;
  status: number | null;
  /** The target's Retry-After, when it sent one (a vendor honours it before retrying). */
  retryAfter?: string | null;
  body: string;
  /** What was sent, so a test can replay or tamper with it. */
  sent: { headers: Record<string, string>; body: string };
  error?: string;
}

/** POSTs a signed webhook exactly as the vendor would; never throws (an unreachable target is reported). */
export async function deliverWebhook(target: string, body: string, headers: Record<string, string>): Promise<Delivery> {
  const sent = { headers: { "content-type": "application/json", ...headers }, body };
  try {
    const res = await fetch(target, { method: "POST", headers: sent.headers, body, signal: AbortSignal.timeout(10_000) });
    return { target, status: res.status, retryAfter: res.headers.get("retry-after"), body: (await res.text()).slice(0, 2_000), sent };
  } catch (err) {
    return { target, status: null, body: "", sent, error: err instanceof Error ? err.message : String(err) };
  }
}
