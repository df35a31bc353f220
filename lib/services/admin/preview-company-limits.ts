import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { companies, type LimitOverrides } from "@/lib/db/schema/companies";
import { findOneOr404 } from "@/lib/db/tenant";
import { companyLimits } from "@/lib/gateway/rate-limit/policy";
import { readCompanyMinutes } from "@/lib/metrics/read-company-minutes";
import { getCompany } from "./get-company";
import { listEffectiveLimits } from "./list-effective-limits";
import { replayMinutes } from "./replay-minutes";
import type { CompanyPreview, PreviewCompanyRequest } from "./schemas";

export interface PreviewCompanyLimitsInput {
  id: string;
  proposal: PreviewCompanyRequest;
  now?: Date;
}

type Limits = ReturnType<typeof companyLimits>;
const iso = (minute: number) => new Date(minute * 60_000).toISOString();

/** The gateway counts a layer-4 unit as `e:<principal>:<group>` (the principal may itself hold a colon, `k:<keyId>`). */
const endpointGroup = (field: string) => (field.startsWith("e:") ? field.slice(field.lastIndexOf(":") + 1) : null);

function replayAll(minutes: Parameters<typeof replayMinutes>[0], from: number, l: Limits) {
  return {
    company: replayMinutes(
      minutes,
      from,
      (f) => (f === "n" ? "company" : null),
      () => l.companyPerHour,
    ),
    user: replayMinutes(
      minutes,
      from,
      (f) => (f.startsWith("u:") ? f : null),
      () => l.userPerHour,
    ),
    endpoint: replayMinutes(
      minutes,
      from,
      (f) => (f.startsWith("e:") ? f : null),
      (unit) => l.endpoint[endpointGroup(unit) as keyof Limits["endpoint"]],
    ),
    resource: replayMinutes(
      minutes,
      from,
      (f) => (f.startsWith("r:") ? f.slice(2) : null),
      (unit) => l.resource[unit as keyof Limits["resource"]],
    ),
  };
}

/**
 * What-if for a platform admin: each limit before → after for a proposed tier and/or override set,
 * and how many of the company's requests of the last 60 minutes each layer would have refused —
 * replayed from the edge's per-minute attempt counts (gateway script, gw:cm:*), with the current
 * limits and with the proposed ones. Reads; changes nothing.
 */
export async function previewCompanyLimits(input: PreviewCompanyLimitsInput): Promise<CompanyPreview> {
  const now = input.now ?? new Date();
  const row = await findOneOr404(getDb().select().from(companies).where(eq(companies.id, input.id)).limit(1), "No such company.");
  const counts = await getCompany(row.id, now);
  const tierAfter = input.proposal.tier ?? row.tier;
  const overridesAfter = (input.proposal.overrides === undefined ? row.limitOverrides : input.proposal.overrides) as LimitOverrides | null;
  const before = companyLimits(row.tier, row.limitOverrides);
  const after = companyLimits(tierAfter, overridesAfter);

  const current = listEffectiveLimits(row.tier, row.limitOverrides);
  const next = listEffectiveLimits(tierAfter, overridesAfter);
  const limits: CompanyPreview["limits"] = current.map(({ layer, key, value }, i) => ({
    layer,
    key,
    before: value,
    after: next[i]!.value,
    ...(key === "apiKeysCap" ? { current: counts.activeApiKeyCount } : key === "membersCap" ? { current: counts.memberCount } : {}),
  }));

  const to = Math.floor(now.getTime() / 60_000);
  const from = to - 59;
  const minutes = await readCompanyMinutes(row.id, Math.floor(from / 60) * 60, to);
  const recorded: CompanyPreview["recorded"] = { requests: 0, limited: {} };
  for (const { minute, fields } of minutes) {
    if (minute < from) continue;
    recorded.requests += fields.n ?? 0;
    for (const [field, v] of Object.entries(fields)) {
      if (field.startsWith("limited:")) recorded.limited[field.slice(8)] = (recorded.limited[field.slice(8)] ?? 0) + v;
    }
  }
  const was = replayAll(minutes, from, before);
  const will = replayAll(minutes, from, after);
  const refusals = (["company", "user", "endpoint", "resource"] as const).map((layer) => ({
    layer,
    before: was[layer],
    after: will[layer],
  }));

  return {
    companyId: row.id,
    tier: { before: row.tier, after: tierAfter },
    limits,
    window: { from: iso(from), to: iso(to) },
    recorded,
    refusals,
  };
}
