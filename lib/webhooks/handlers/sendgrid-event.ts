import { inArray, sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { companies } from "@/lib/db/schema/companies";
import { customers } from "@/lib/db/schema/customers";
import { emailEvents, type EmailEventType, type NewEmailEvent } from "@/lib/db/schema/email-events";
import { forCompany } from "@/lib/db/tenant";
import { createId } from "@/lib/ids/create-id";
import { parseSendgridWebhook, sendgridMessageId } from "@/lib/integrations/sendgrid/events";
import { writeTransaction } from "@/lib/db/write-transaction";
import { nothingDone, type WebhookEventHandler, type WebhookOutcome } from "./types";

const KEPT = ["reason", "status", "response", "url", "type", "category", "sb_template"] as const;

/**
 * A SendGrid batch: each event of a known type about a message we sent for a company (custom arg
 * `sb_company_id`, set by the email-send job) becomes an email_events row on that company's
 * customer timeline (customer matched by email), once — sg_event_id is unique, so a redelivered or
 * overlapping batch adds only what is new. Events of other companies than the one whose URL
 * received the batch, of unknown companies, or without one (platform mail) are left out.
 */
export const sendgridEvent: WebhookEventHandler = async ({ event }) => {
  const list = (event.payload as { events?: unknown }).events;
  const all = parseSendgridWebhook(list);
  const only = event.companyId;
  const wanted = all.filter((e) => e.known && typeof e.sb_company_id === "string" && (!only || e.sb_company_id === only));
  const ids = [...new Set(wanted.map((e) => e.sb_company_id as string))].filter((id) => id.length <= 40);
  if (ids.length === 0) return nothingDone(only, "no events for a company");

  const known = new Set((await getDb().select({ id: companies.id }).from(companies).where(inArray(companies.id, ids))).map((r) => r.id));
  const rows: NewEmailEvent[] = [];
  await writeTransaction(async (tx) => {
    rows.length = 0;
    for (const companyId of known) {
      const ofCompany = wanted.filter((e) => e.sb_company_id === companyId);
      const emails = [...new Set(ofCompany.map((e) => e.email.slice(0, 191)))];
      const matches = await tx
        .select({ id: customers.id, email: customers.email })
        .from(customers)
        .where(forCompany(customers, companyId, inArray(customers.email, emails)))
        .orderBy(customers.id);
      const customerOf = new Map<string, string>();
      for (const m of matches) if (m.email && !customerOf.has(m.email.toLowerCase())) customerOf.set(m.email.toLowerCase(), m.id);
      for (const e of ofCompany) {
        const occurredAt = new Date(e.timestamp * 1000);
        const metadata = Object.fromEntries(KEPT.filter((k) => e[k] !== undefined).map((k) => [k, e[k]]));
        rows.push({
          id: createId("emailEvent", { at: occurredAt }),
          companyId,
          customerId: customerOf.get(e.email.toLowerCase()) ?? null,
          sgMessageId: sendgridMessageId(e)?.slice(0, 128) ?? null,
          sgEventId: e.sg_event_id.slice(0, 128),
          eventType: e.event as EmailEventType,
          email: e.email.slice(0, 191),
          metadata: Object.keys(metadata).length > 0 ? metadata : null,
          occurredAt,
        });
      }
    }
    if (rows.length > 0)
      await tx
        .insert(emailEvents)
        .values(rows)
        .onDuplicateKeyUpdate({ set: { id: sql`${emailEvents.id}` } });
  });

  const touched = [...new Set(rows.map((r) => r.companyId))];
  const outcome: WebhookOutcome = {
    companyId: only ?? (touched.length === 1 ? touched[0]! : null),
    events: touched.map((companyId) => ({ event: "customers.updated" as const, companyId })),
  };
  return touched.length > 0 ? outcome : nothingDone(only, "no events for a known company");
};
