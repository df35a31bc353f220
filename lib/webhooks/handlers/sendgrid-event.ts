import { isId } from "@/lib/ids/is-id";
import { parseSendgridWebhook } from "@/lib/integrations/sendgrid/events";
import { recordEmailEvents } from "@/lib/services/emails/record-email-events";
import { nothingDone, type WebhookEventHandler } from "./types";

/**
 * A SendGrid batch: each event of a known type about a message we sent for a company (custom arg
 * `sb_company_id`) is recorded on that company's customer timeline, once (recordEmailEvents). Events
 * of other companies than the one whose URL received the batch, of unknown companies, or without one
 * (platform mail) are left out.
 */
export const sendgridEvent: WebhookEventHandler = async ({ event }) => {
  const only = event.companyId;
  const wanted = parseSendgridWebhook((event.payload as { events?: unknown }).events).filter(
    (e): e is typeof e & { sb_company_id: string } => e.known && isId(e.sb_company_id) && (!only || e.sb_company_id === only),
  );
  if (wanted.length === 0) return nothingDone(only, "no events for a company");
  const touched = await recordEmailEvents(wanted);
  if (touched.length === 0) return nothingDone(only, "no events for a known company");
  return {
    companyId: only ?? (touched.length === 1 ? touched[0]! : null),
    events: touched.map((companyId) => ({ event: "customers.updated" as const, companyId })),
  };
};
