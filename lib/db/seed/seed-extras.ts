import type { Db } from "../client";
import { apiKeys, auditLog, invites } from "../schema";
import { DAY } from "./anchor";
import type { DemoAccountIds } from "./seed-accounts";
import { DEMO_EPOCH, fixedId } from "./fixed-id";
import { keep } from "./keep";
import { Rng } from "./prng";

const DEMO_KEYS = [
  {
    label: "acme-zapier",
    company: "acme",
    name: "Zapier integration",
    environment: "live",
    scopes: ["calls:read", "appointments:read", "appointments:write", "customers:read"],
  },
  { label: "acme-reporting", company: "acme", name: "Nightly reporting", environment: "live", scopes: ["calls:read", "analytics:read"] },
  { label: "acme-staging", company: "acme", name: "Staging", environment: "test", scopes: ["calls:read"] },
  { label: "globex-crm", company: "globex", name: "CRM sync", environment: "live", scopes: ["customers:read", "customers:write"] },
] as const;

/**
 * API keys, a pending invite and their audit entries, so the settings, team and usage pages are not
 * empty. The key hashes are random 64-hex strings, not the hash of any secret: nobody can use a demo
 * key. Inserted once; later runs leave them alone.
 */
export async function seedExtras(db: Db, ids: DemoAccountIds, anchor: Date): Promise<Record<"acme" | "globex", string[]>> {
  const at = (days: number) => new Date(DEMO_EPOCH + days * DAY);
  const keyRows = DEMO_KEYS.map((k, i) => {
    const rng = Rng.derive(0, `api-key:${k.label}`);
    return {
      id: fixedId("apiKey", k.label),
      companyId: ids.companies[k.company],
      createdBy: ids.users[`owner@${k.company}.test`]!,
      name: k.name,
      keyHash: rng.hex(64),
      prefix: `sb_${k.environment}_${rng.string(3, "abcdefghijklmnopqrstuvwxyz0123456789")}`,
      lastFour: rng.string(4, "abcdefghijklmnopqrstuvwxyz0123456789"),
      environment: k.environment,
      scopes: [...k.scopes],
      revokedAt: k.label === "acme-staging" ? at(60) : null,
      createdAt: at(10 + i),
      updatedAt: at(10 + i),
    };
  });
  await db
    .insert(apiKeys)
    .values(keyRows)
    .onDuplicateKeyUpdate({ set: { id: keep(apiKeys.id), updatedAt: keep(apiKeys.updatedAt) } });

  await db
    .insert(invites)
    .values({
      id: fixedId("invite", "acme-hygienist"),
      companyId: ids.companies.acme,
      email: "hygienist@acme.test",
      role: "member",
      tokenHash: Rng.derive(0, "invite:acme-hygienist").hex(64),
      expiresAt: new Date(anchor.getTime() + 5 * DAY),
      invitedBy: ids.users["admin@acme.test"]!,
      createdAt: new Date(anchor.getTime() - 2 * DAY),
    })
    .onDuplicateKeyUpdate({ set: { id: keep(invites.id) } });

  await db
    .insert(auditLog)
    .values([
      ...keyRows.map((k) => ({
        id: fixedId("audit", `key:${k.id}`),
        companyId: k.companyId,
        actorUserId: k.createdBy,
        action: "api_key.created",
        targetType: "api_key",
        targetId: k.id,
        metadata: { name: k.name, scopes: k.scopes, environment: k.environment },
        createdAt: k.createdAt,
      })),
      {
        id: fixedId("audit", "invite:acme-hygienist"),
        companyId: ids.companies.acme,
        actorUserId: ids.users["admin@acme.test"]!,
        action: "member.invited",
        targetType: "invite",
        targetId: fixedId("invite", "acme-hygienist"),
        metadata: { email: "hygienist@acme.test", role: "member" },
        createdAt: new Date(anchor.getTime() - 2 * DAY),
      },
      {
        id: fixedId("audit", "tier:acme"),
        companyId: ids.companies.acme,
        actorUserId: ids.users["root@switchboard.test"]!,
        action: "company.tier_changed",
        targetType: "company",
        targetId: ids.companies.acme,
        metadata: { from: "FREE", to: "PRO" },
        createdAt: at(1),
      },
    ])
    .onDuplicateKeyUpdate({ set: { id: keep(auditLog.id) } });

  const live = (company: string) => keyRows.filter((k) => k.companyId === company && !k.revokedAt).map((k) => k.id);
  return { acme: live(ids.companies.acme), globex: live(ids.companies.globex) };
}
