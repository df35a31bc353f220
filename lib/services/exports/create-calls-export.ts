import { resolveCallFilters } from "@/lib/services/calls/resolve-call-filters";
import type { CallFilters } from "@/lib/services/calls/schemas";
import { createExport } from "./create-export";
import type { ExportView } from "./schemas";

export interface CreateCallsExportInput {
  companyId: string;
  /** A user id, or an API key id when a key asked. */
  requestedBy: string;
  filters: CallFilters;
  idempotencyKey: string | null;
}

/**
 * Queues a CSV export of the company's calls matching `filters` (createExport: the row, the job and
 * the Idempotency-Key rules). The range is checked here, so a bad one is a 400 now rather than a
 * failed export later.
 */
export async function createCallsExport(input: CreateCallsExportInput): Promise<{ export: ExportView; replayed: boolean }> {
  await resolveCallFilters(input.companyId, input.filters);
  return createExport({ ...input, kind: "calls_csv" });
}
