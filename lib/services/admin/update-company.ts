import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { companies, type Company, type LimitOverrides } from "@/lib/db/schema/companies";
import { ApiError } from "@/lib/api/errors";
import { findOneOr404 } from "@/lib/db/tenant";
import { writeCompanyRecord } from "@/lib/gateway/sync/write-company-record";
import type { Actor } from "@/lib/services/audit/actor-from-caller";
import { recordAudit } from "@/lib/services/audit/record-audit";
import type { AdminCompany, LimitOverridesInput, UpdateCompanyRequest } from "./schemas";
import { selectAdminCompanies } from "./select-admin-companies";

export interface UpdateCompanyInput {
  actor: Actor;
  id: string;
  patch: UpdateCompanyRequest;
  now?: Date;
}

/** Drops empty layers and absent keys, so the stored JSON holds only real overrides (or null). */
function cleanOverrides(input: LimitOverridesInput | null | undefined): LimitOverrides | null {
  if (!input) return null;
  const out: LimitOverrides = {};
  for (const [layer, values] of Object.entries(input)) {
    const kept = Object.fromEntries(Object.entries(values ?? {}).filter(([, v]) => typeof v === "number")) as Record<string, number>;
    if (Object.keys(kept).length > 0) out[layer as keyof LimitOverrides] = kept;
  }
  return Object.keys(out).length > 0 ? out : null;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * A platform admin changes a company's tier, status (suspension) or limit overrides. MySQL and one
 * audit row per kind of change commit together; then the company's edge record is written through,
 * so the gateway applies the change on the next request.
 */
export async function updateCompany(input: UpdateCompanyInput): Promise<AdminCompany> {
  const now = input.now ?? new Date();
  const { patch } = input;

  const row = await getDb().transaction(async (tx) => {
    const byId = () =>
      findOneOr404(tx.select().from(companies).where(eq(companies.id, input.id)).limit(1).for("update"), "No such company.");
    const before = await byId();
    const changes: Partial<Company> = {};
    const audits: Array<{ action: string; metadata: Record<string, unknown> }> = [];

    if (patch.tier && patch.tier !== before.tier) {
      changes.tier = patch.tier;
      audits.push({ action: "company.tier_changed", metadata: { from: before.tier, to: patch.tier } });
    }
    const status = patch.status ?? before.status;
    if (status === "suspended") {
      const reason = patch.suspendedReason === undefined ? before.suspendedReason : patch.suspendedReason;
      if (before.status !== "suspended") {
        if (!reason) {
          throw new ApiError("validation_failed", "Say why the company is suspended.", {
            details: [{ field: "suspendedReason", message: "A suspension needs a reason (its people see it).", code: "required" }],
          });
        }
        Object.assign(changes, { status, suspendedAt: now, suspendedReason: reason });
        audits.push({ action: "company.suspended", metadata: { reason } });
      } else if (!same(reason, before.suspendedReason)) {
        changes.suspendedReason = reason;
        audits.push({ action: "company.suspension_reason_changed", metadata: { from: before.suspendedReason, to: reason } });
      }
    } else if (before.status === "suspended") {
      Object.assign(changes, { status, suspendedAt: null, suspendedReason: null });
      audits.push({ action: "company.reactivated", metadata: { previousReason: before.suspendedReason } });
    }
    if (patch.limitOverrides !== undefined) {
      const next = cleanOverrides(patch.limitOverrides);
      if (!same(next, before.limitOverrides)) {
        changes.limitOverrides = next;
        audits.push({ action: "company.limits_overridden", metadata: { from: before.limitOverrides ?? null, to: next } });
      }
    }

    if (audits.length === 0) return before;
    // Every row also carries the whole admin-controlled state before and after this change.
    const state = (c: Pick<Company, "tier" | "status" | "suspendedReason" | "limitOverrides">) => ({
      tier: c.tier,
      status: c.status,
      suspendedReason: c.suspendedReason ?? null,
      limitOverrides: c.limitOverrides ?? null,
    });
    const snapshot = { before: state(before), after: state({ ...before, ...changes }) };
    await tx
      .update(companies)
      .set({ ...changes, updatedAt: now })
      .where(eq(companies.id, before.id));
    for (const a of audits) {
      await recordAudit(
        {
          companyId: before.id,
          actor: input.actor,
          action: a.action,
          targetType: "company",
          targetId: before.id,
          metadata: { ...a.metadata, ...snapshot, ...(patch.note ? { note: patch.note } : {}) },
          at: now,
        },
        tx,
      );
    }
    return byId();
  });

  // Also on a no-op: re-running the PATCH repairs a record whose earlier write-through failed.
  await writeCompanyRecord(row);
  return findOneOr404(selectAdminCompanies({ where: eq(companies.id, row.id), limit: 1, now }), "No such company.");
}
