import { inArray, sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { companies } from "@/lib/db/schema/companies";
import { customers } from "@/lib/db/schema/customers";
import { emailEvents, type EmailEventType, type NewEmailEvent } from "@/lib/db/schema/email-events";
import { forCompany } from "@/lib/db/tenant";
import { writeTransaction } from "@/lib/db/write-transaction";
import { createId } from "@/lib/ids/create-id";
import { sendgridMessageId, type SendgridEvent } from "@/lib/integrations/sendgrid/events";

const KEPT = ["reason", "status", "response", "url", "type", "category", "sb_template"] as const;

/**
 * SendGrid delivery events about messages we sent for companies (custom arg `sb_company_id`, set by
 * the email-send job) become email_events rows on each company's customer timeline (customer
 * matched by email), once — sg_event_id is unique, so a redelivered or overlapping batch adds only
 * what is new. Events of companies that do not exist are left out. Returns the companies written to
 * (their customers cache is then stale).
 */
export async function recordEmailEvents(events: Array<SendgridEvent & { sb_company_id: string }>): Promise<string[]> {
  const ids = [...new Set(events.map((e) => e.sb_company_id))];
  if (ids.length === 0) return [];
  const known = new Set((await getDb().select({ id: companies.id }).from(companies).where(inArray(companies.id, ids))).map((r) => r.id));
  const rows: NewEmailEvent[] = [];
  await writeTransaction(async (tx) => {
    rows.length = 0;
    for (const companyId of known) {
      const ofCompany = events.filter((e) => e.sb_company_id === companyId);
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
  return [...new Set(rows.map((r) => r.companyId))];
}
