import { createCalcomClient } from "./calcom/client";
import { resolveCredential } from "./credentials";
import { createRetellClient } from "./retell/client";
import { createSendgridClient } from "./sendgrid/client";

/** Clients acting in a company's name: its own credentials, else the platform's (see credentials.ts). */
export async function retellClientForCompany(companyId: string) {
  return createRetellClient({ apiKey: (await resolveCredential(companyId, "retellApiKey")).value });
}

export async function calcomClientForCompany(companyId: string) {
  return createCalcomClient({ apiKey: (await resolveCredential(companyId, "calcomApiKey")).value });
}

export async function sendgridClientForCompany(companyId: string) {
  return createSendgridClient({ apiKey: (await resolveCredential(companyId, "sendgridApiKey")).value });
}
