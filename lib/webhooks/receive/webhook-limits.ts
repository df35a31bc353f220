import type { WebhookProvider } from "@/lib/db/schema/webhook-events";

/**
 * The largest body each receiver reads (bytes). Generous for what each vendor really sends — a long
 * Retell call_ended carries its whole transcript with word timings, a SendGrid batch up to a
 * thousand events — and far below MySQL's max_allowed_packet (16 MB), so a recorded payload always fits.
 */
export const WEBHOOK_MAX_BYTES = {
  retell: 4 * 1024 * 1024,
  calcom: 512 * 1024,
  stripe: 1024 * 1024,
  sendgrid: 4 * 1024 * 1024,
} as const satisfies Record<WebhookProvider, number>;
