import type { WebhookProvider } from "@/lib/db/schema/webhook-events";

/**
 * The largest body each receiver reads (bytes), about twice the largest delivery each vendor sends,
 * and far below MySQL's max_allowed_packet (16 MB), so a recorded payload always fits. Checked twice:
 * at the edge against Content-Length (before the Node side reads a byte) and while streaming the
 * body (a chunked delivery declares no length).
 * - Retell: call_ended / call_analyzed carry the whole call — transcript, transcript_object with
 *   word timings and transcript_with_tool_calls — about 1 MB per hour of call; calls last up to 2 h.
 * - SendGrid: one POST is a batch of events (about 0.5 KB each), flushed by size or every 30 s.
 * - Stripe: one event with its object (a subscription or invoice with its first lines): tens of KB.
 * - Cal.com: one booking with its attendees and the answers to its questions: a few KB.
 */
export const WEBHOOK_MAX_BYTES = {
  retell: 4 * 1024 * 1024,
  sendgrid: 2 * 1024 * 1024,
  stripe: 256 * 1024,
  calcom: 128 * 1024,
} as const satisfies Record<WebhookProvider, number>;

/**
 * Layer 1 for webhooks, per vendor and source IP (counted apart from the IP's anonymous traffic).
 * A vendor delivers everything from a few published addresses — Retell from one, Stripe from about
 * a dozen, SendGrid and Cal.com from their own pools — so the usual 1000/h, 50/min per IP would
 * refuse a busy hour of real deliveries. These limits hold the whole platform's traffic from one
 * vendor address (Retell: three events a call, so 20 000 calls an hour) while a forger, who sends
 * from their own addresses, gets the same bounded budget per address and no vendor's.
 */
export const WEBHOOK_IP_LIMITS = {
  retell: { perHour: 60_000, perMinute: 3_000 },
  sendgrid: { perHour: 20_000, perMinute: 1_000 },
  stripe: { perHour: 20_000, perMinute: 1_000 },
  calcom: { perHour: 20_000, perMinute: 1_000 },
} as const satisfies Record<WebhookProvider, { perHour: number; perMinute: number }>;
