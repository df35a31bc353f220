import { credentialContext, encryptSecret } from "@/lib/crypto/encryption";
import { getDb } from "@/lib/db/client";
import type { Tier } from "@/lib/db/schema/companies";
import { companySettings } from "@/lib/db/schema/company-settings";
import { customers } from "@/lib/db/schema/customers";
import { createId } from "@/lib/ids/create-id";
import { seedTenant } from "./seed-rows";
import { personCaller, type TestCaller } from "./signed-request";

let seq = 0;
/** A number no other test uses (E.164, US 555 range). */
export function uniquePhone(): string {
  const n = (Date.now() % 1_000_000) * 10 + (seq++ % 10);
  return `+1555${String(n).padStart(7, "0").slice(-7)}`;
}

export interface WebhookTenant {
  companyId: string;
  userId: string;
  owner: TestCaller;
  /** The Retell agent and number in its settings: how Retell webhooks find it. */
  agentId: string;
  phone: string;
}

/**
 * A company (with its owner) whose settings name a Retell agent and number of its own, so Retell
 * webhooks find it; other credentials fall back to the platform's (the fakes' local defaults), and
 * `retellApiKey` stores one of its own (encrypted) when given.
 */
export async function seedWebhookTenant(opts: { tier?: Tier; retellApiKey?: string; eventTypeId?: number } = {}): Promise<WebhookTenant> {
  const { companyId, user } = await seedTenant({ tier: opts.tier ?? "FREE", role: "owner" });
  const agentId = `agent_t_${companyId.slice(-12).toLowerCase()}`;
  const phone = uniquePhone();
  await getDb()
    .insert(companySettings)
    .values({
      companyId,
      retellAgentId: agentId,
      retellPhoneNumber: phone,
      calcomEventTypeId: String(opts.eventTypeId ?? 3001),
      ...(opts.retellApiKey
        ? { retellApiKeyEnc: encryptSecret(opts.retellApiKey, credentialContext(companyId, "retell_api_key_enc")) }
        : {}),
    });
  return {
    companyId,
    userId: user.id,
    owner: personCaller({ userId: user.id, companyId, role: "owner", tier: opts.tier ?? "FREE" }),
    agentId,
    phone,
  };
}

export async function seedCustomer(
  companyId: string,
  fields: { name?: string; phone?: string | null; email?: string | null } = {},
): Promise<string> {
  const id = createId("customer");
  await getDb()
    .insert(customers)
    .values({
      id,
      companyId,
      name: fields.name ?? "Jo Patient",
      phone: fields.phone === undefined ? uniquePhone() : fields.phone,
      email: fields.email === undefined ? `${id.toLowerCase()}@patients.test` : fields.email,
    });
  return id;
}
