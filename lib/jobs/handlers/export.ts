import { UnrecoverableError } from "bullmq";
import { buildCallsExport, ExportFailedError } from "@/lib/services/exports/build-calls-export";
import type { JobHandler } from "../handler";

/** Builds one CSV export (exports row → file under DATA_DIR/exports); a failure retrying cannot fix is not retried. */
export const exportHandler: JobHandler<"export"> = async (payload, ctx) => {
  try {
    return await buildCallsExport(payload, ctx);
  } catch (err) {
    if (err instanceof ExportFailedError) throw new UnrecoverableError(err.message);
    throw err;
  }
};
