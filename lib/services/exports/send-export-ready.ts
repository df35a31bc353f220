import { enqueue, type Enqueued } from "@/lib/jobs/enqueue";
import { exportReadyEmailSchema, type ExportReadyEmail } from "./schemas";

/** Queues "your export is ready" (job `email-send`); the job id is the export's, so it is sent once per export. */
export async function sendExportReady(input: ExportReadyEmail): Promise<Enqueued> {
  const req = exportReadyEmailSchema.parse(input);
  return enqueue(
    "email-send",
    {
      template: "export-ready",
      to: req.to,
      companyId: req.companyId,
      data: {
        downloadUrl: req.downloadUrl,
        ...(req.exportName ? { exportName: req.exportName } : {}),
        ...(req.expiresAt ? { expiresAt: req.expiresAt } : {}),
      },
    },
    { jobId: `email-export-ready-${req.exportId}` },
  );
}
