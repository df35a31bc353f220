import { eq, inArray, or } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db/client";
import { companySettings } from "@/lib/db/schema/company-settings";

/**
 * Which company a Retell call belongs to — needed BEFORE verifying its webhook, because Retell signs
 * with the account's API key: the company whose agent it is, else whose number it rang (inbound:
 * to_number) or rang from (outbound: from_number). Read only these fields of the unverified body to
 * choose the key; act on nothing before the signature verifies. Null when no company matches.
 */
export async function findCompanyForRetellCall(
  call: { agent_id?: string; from_number?: string; to_number?: string; direction?: string },
  db: Db = getDb(),
): Promise<string | null> {
  const numbers = [call.to_number, call.from_number].filter((n): n is string => typeof n === "string" && /^\+\d{7,15}$/.test(n));
  const conds = [
    ...(call.agent_id ? [eq(companySettings.retellAgentId, call.agent_id)] : []),
    ...(numbers.length ? [inArray(companySettings.retellPhoneNumber, numbers)] : []),
  ];
  if (conds.length === 0) return null;
  const rows = await db
    .select({ companyId: companySettings.companyId, agentId: companySettings.retellAgentId, phone: companySettings.retellPhoneNumber })
    .from(companySettings)
    .where(or(...conds))
    .limit(10);
  const ours = call.direction === "outbound" ? call.from_number : call.to_number;
  const pick = rows.find((r) => call.agent_id && r.agentId === call.agent_id) ?? rows.find((r) => r.phone === ours) ?? rows[0];
  return pick?.companyId ?? null;
}
