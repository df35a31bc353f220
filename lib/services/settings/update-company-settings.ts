import { eq } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { invalidate } from "@/lib/cache/invalidate";
import { companies } from "@/lib/db/schema/companies";
import { companySettings } from "@/lib/db/schema/company-settings";
import { writeTransaction } from "@/lib/db/write-transaction";
import type { Actor } from "@/lib/services/audit/actor-from-caller";
import { rebuildAppointmentDayCounts } from "@/lib/services/appointments/rebuild-appointment-day-counts";
import { rebuildCallDayCounts } from "@/lib/services/calls/rebuild-call-day-counts";
import { recordAudit } from "@/lib/services/audit/record-audit";
import { sortedWeek } from "./full-week";
import { getCompanySettings } from "./get-company-settings";
import type { CompanySettingsView, UpdateCompanySettingsInput } from "./schemas";

/**
 * Changes the company's name, time zone and/or business hours (only the fields sent), audited as
 * `settings.company_updated` with what changed (the time zone's old and new value). After the commit,
 * `settings.changed` invalidates the company's settings and everything read in its time zone or with
 * its hours — dashboard, calls, calendar, analytics — so the next read re-buckets in the new zone; a
 * new zone also rebuilds the appointment day counts, inside the same transaction.
 */
export async function updateCompanySettings(
  companyId: string,
  input: UpdateCompanySettingsInput,
  actor: Actor,
  now: Date = new Date(),
): Promise<CompanySettingsView> {
  const changed = await writeTransaction(async (tx) => {
    const [company] = await tx
      .select({ name: companies.name, timezone: companies.timezone })
      .from(companies)
      .where(eq(companies.id, companyId))
      .limit(1)
      .for("update");
    if (!company) throw new ApiError("not_found", "Company not found.");
    const metadata: Record<string, unknown> = {};
    const patch: { name?: string; timezone?: string } = {};
    if (input.name !== undefined && input.name !== company.name) {
      patch.name = input.name;
      metadata.name = { from: company.name, to: input.name };
    }
    if (input.timezone !== undefined && input.timezone !== company.timezone) {
      patch.timezone = input.timezone;
      metadata.timezone = { from: company.timezone, to: input.timezone };
    }
    if (Object.keys(patch).length > 0)
      await tx
        .update(companies)
        .set({ ...patch, updatedAt: now })
        .where(eq(companies.id, companyId));
    // Every booking's local day moves with the zone: the day counts are recomputed in this transaction,
    // so the new zone and its counts commit together (appointment writes wait on the company row meanwhile).
    if (patch.timezone !== undefined) {
      await rebuildAppointmentDayCounts(companyId, tx);
      await rebuildCallDayCounts(companyId, tx);
    }
    if (input.businessHours !== undefined) {
      const hours = sortedWeek(input.businessHours);
      await tx
        .insert(companySettings)
        .values({ companyId, businessHours: hours, updatedAt: now })
        .onDuplicateKeyUpdate({ set: { businessHours: hours, updatedAt: now } });
      metadata.businessHours = hours;
    }
    if (Object.keys(metadata).length === 0) return false;
    await recordAudit(
      { companyId, actor, action: "settings.company_updated", targetType: "company", targetId: companyId, metadata, at: now },
      tx,
    );
    return true;
  });
  if (changed) await invalidate("settings.changed", { companyId });
  return (await getCompanySettings(companyId, { fresh: true })).value;
}
