import type { Export } from "@/lib/db/schema/exports";
import { logger } from "@/lib/log/logger";

/**
 * Runs once an export is done. The hook for "export ready" notifications: the SendGrid email
 * (job `email-send`, template `export-ready`, to the requester) is wired here by the email work.
 * For now it only logs. It must not throw: the export is already done whatever happens here.
 */
export async function onExportReady(exportRow: Export): Promise<void> {
  logger().info(
    { exportId: exportRow.id, companyId: exportRow.companyId, rowCount: exportRow.rowCount },
    "export ready (no notification sent yet)",
  );
}
