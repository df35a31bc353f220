import { ApiError } from "@/lib/api/errors";
import type { WebhookProvider } from "@/lib/db/schema/webhook-events";
import { WEBHOOK_IP_LIMITS, WEBHOOK_MAX_BYTES } from "@/lib/webhooks/receive/webhook-limits";
import { decide } from "./rate-limit/decide";
import { rateLimitHeaders } from "./rate-limit/headers";

const WEBHOOK_PATH = /^\/api\/webhooks\/([a-z]+)$/;

export function webhookProvider(pathname: string): WebhookProvider | null {
  const name = WEBHOOK_PATH.exec(pathname)?.[1];
  // The limits table, not the drizzle schema: the edge bundle stays free of the database layer.
  return name && Object.hasOwn(WEBHOOK_MAX_BYTES, name) ? (name as WebhookProvider) : null;
}

/**
 * The edge's part for /api/webhooks/<vendor> (the signature is the route's part): a declared body
 * over the vendor's cap is refused before the Node side reads it (413), then layer 1 counts the
 * delivery against its source IP, in a budget of its own per vendor (see WEBHOOK_IP_LIMITS). One
 * Redis trip; the in-memory fallback applies when Redis is slow, as for any anonymous traffic.
 * Null when the delivery may go on, with the rate-limit headers to add.
 */
export async function webhookGuard(
  req: Request,
  provider: WebhookProvider,
  ip: string,
): Promise<{ refused: ApiError; headers: Record<string, string> } | { refused: null; headers: Record<string, string> }> {
  const declared = Number(req.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > WEBHOOK_MAX_BYTES[provider]) {
    return {
      refused: new ApiError("payload_too_large", `Webhook bodies are limited to ${WEBHOOK_MAX_BYTES[provider]} bytes.`),
      headers: {},
    };
  }
  const limits = WEBHOOK_IP_LIMITS[provider];
  const d = await decide({
    ip: `wh:${provider}:${ip}`,
    auth: "anon",
    principal: "",
    applyGlobal: true,
    limits: { globalPerHour: limits.perHour, globalPerMinute: limits.perMinute },
  });
  if (d.kind !== "ok" && d.kind !== "limited") return { refused: null, headers: {} };
  const headers = rateLimitHeaders(d);
  if (d.kind === "ok") return { refused: null, headers };
  return {
    refused: new ApiError("rate_limited", `Too many webhook deliveries from this address (${d.layer} layer).`, {
      details: { layer: d.layer, limit: d.limit, windowSeconds: d.windowSec },
    }),
    headers,
  };
}
