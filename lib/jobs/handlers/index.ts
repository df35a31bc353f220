import type { JobName } from "../definitions";
import type { JobHandler } from "../handler";
import { appointmentDayCountsReconcile } from "./appointment-day-counts-reconcile";
import { echo } from "./echo";
import { emailSend } from "./email-send";
import { exportHandler } from "./export";
import { keyUsageRollup } from "./key-usage-rollup";
import { usageAlertCheck } from "./usage-alert-check";
import { metricsRollup } from "./metrics-rollup";
import { registryHealthCheck } from "./registry-health-check";
import { webhookProcess } from "./webhook-process";
import { webhookRequeueStale } from "./webhook-requeue-stale";
import { webhookSpoolDrain } from "./webhook-spool-drain";

/**
 * The processor registry: job type → its handler (one file each). A job type without a handler here
 * waits in its queue until one is added (its queue gets no worker) — exports, webhooks and emails
 * arrive with their issues.
 */
export const HANDLERS: { [N in JobName]?: JobHandler<N> } = {
  echo,
  "registry-health-check": registryHealthCheck,
  "webhook-requeue-stale": webhookRequeueStale,
  "webhook-spool-drain": webhookSpoolDrain,
  "metrics-rollup": metricsRollup,
  "key-usage-rollup": keyUsageRollup,
  "usage-alert-check": usageAlertCheck,
  "appointment-day-counts-reconcile": appointmentDayCountsReconcile,
  export: exportHandler,
  "webhook-process": webhookProcess,
  "email-send": emailSend,
};
