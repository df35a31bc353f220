import { checkUsageAlerts } from "@/lib/services/billing/check-usage-alerts";
import type { JobHandler } from "../handler";

/** Queues the usage alerts whose threshold the current hour has crossed (at most one per company an hour). */
export const usageAlertCheck: JobHandler<"usage-alert-check"> = async () => ({ sent: await checkUsageAlerts() });
