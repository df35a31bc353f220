import { rollupApiKeyUsage } from "@/lib/services/api-keys/rollup-api-key-usage";
import { rollupCompanyUsage } from "@/lib/services/billing/rollup-company-usage";
import type { JobHandler } from "../handler";

/**
 * Copies the gateway's usage counters of today and yesterday into usage_counters: per API key and
 * outcome (api_key_outcomes) and per company by endpoint group and credential (billing's usage).
 */
export const keyUsageRollup: JobHandler<"key-usage-rollup"> = async () => ({
  rows: (await rollupApiKeyUsage()) + (await rollupCompanyUsage()),
});
