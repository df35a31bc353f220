import { rollupApiKeyUsage } from "@/lib/services/api-keys/rollup-api-key-usage";
import type { JobHandler } from "../handler";

/** Copies the gateway's per-key usage counters of today and yesterday into usage_counters. */
export const keyUsageRollup: JobHandler<"key-usage-rollup"> = async () => ({ rows: await rollupApiKeyUsage() });
