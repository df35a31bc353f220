import { z } from "zod";
import { createCallsExportBodySchema, exportIdParamsSchema, exportSchema } from "@/lib/services/exports/schemas";
import type { EndpointDoc } from "../types";

/**
 * The download answers with the file itself, not the JSON envelope; the document builder only
 * describes envelopes, so this schema stands for the file and the description says what comes back.
 */
const csvFileSchema = z
  .string()
  .describe("The CSV file (text/csv; charset=utf-8), sent as the raw response body — not inside the JSON envelope.");

export const EXPORT_ENDPOINTS: EndpointDoc[] = [
  {
    method: "POST",
    path: "/api/v1/calls/export",
    operationId: "createCallsExport",
    tag: "Calls",
    summary: "Queue a CSV export of the calls matching the list filters",
    description: [
      "The body takes the filters of `GET /api/v1/calls` (send `{}` for every call). Answers 202 with the export (status `queued`) and `Location: /api/v1/exports/{id}`; poll that until `status` is `done`, then GET `downloadUrl`.",
      "Send an `Idempotency-Key` header (1–255 printable ASCII characters) to make retries safe: the same key within 24 h answers with the same export (header `Idempotent-Replayed: true`), never a second one; the same key with other filters is refused (422).",
      "Columns: id, started_at (ISO 8601), direction, status, answered, duration_seconds, from, to, customer_name, customer_phone, sentiment, summary. RFC 4180 quoting, CRLF line ends, UTF-8; a cell that starts like a spreadsheet formula (= + - @) is prefixed with `'`. Limited per company by the `exports` resource rate limit.",
    ].join("\n\n"),
    auth: "required",
    permission: "calls:export",
    body: createCallsExportBodySchema,
    status: 202,
    response: exportSchema,
    errors: ["conflict", "unprocessable_entity", "service_unavailable"],
  },
  {
    method: "GET",
    path: "/api/v1/exports/{id}",
    operationId: "getExport",
    tag: "Calls",
    summary: "An export's status and progress; its download URL once done",
    description:
      "Calls exports need `calls:export`; analytics reports (kind `analytics_csv`, from `POST /api/v1/analytics/reports`) need `analytics:read`. `progress` is 0–100 (rows written over the rows counted when the run started); a failed attempt that will be retried shows `queued` again. Poll every 2 s or so; `downloadUrl` is set once `status` is `done`, until the file expires (`file.expiresAt`, 7 days).",
    auth: "required",
    permission: "calls:export",
    params: exportIdParamsSchema,
    response: exportSchema,
  },
  {
    method: "GET",
    path: "/api/v1/exports/{id}/download",
    operationId: "downloadExport",
    tag: "Calls",
    summary: "The export's CSV file (text/csv attachment, streamed)",
    description:
      'Answers `200` with `Content-Type: text/csv; charset=utf-8`, `Content-Disposition: attachment; filename="calls-<YYYY-MM-DD>.csv"` and the raw file as the body (the schema below stands for it; there is no JSON envelope on success). `409` while the export is queued or running, or when it failed; `404` for an unknown or another company\'s export, or an expired file. The SHA-256 in `file.sha256` of the status lets a client check the download.',
    auth: "required",
    permission: "calls:export",
    params: exportIdParamsSchema,
    response: csvFileSchema,
    errors: ["conflict"],
  },
];
