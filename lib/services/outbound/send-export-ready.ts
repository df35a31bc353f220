import { z } from "zod";
import { enqueue, type Enqueued } from "@/lib/jobs/enqueue";

export const exportReadyEmailSchema = z.object({
  companyId: z.string().min(1).max(40),
  /** The exports row: one email per export. */
  exportId: z.string().regex(/^[A-Za-z0-9_]{1,40}$/),
  to: z.email(),
  downloadUrl: z
    .string()
    .url()
    .regex(/^https?:\/\//, "must be an http(s) URL"),
  exportName: z.string().min(1).max(191).optional(),
  /** When the download link stops working (ISO 8601), shown in the email. */
  expiresAt: z.string().datetime({ offset: true }).optional(),
});
export type ExportReadyEmail = z.input<typeof exportReadyEmailSchema>;

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
