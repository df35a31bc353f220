import type { Appointment } from "@/lib/db/schema/appointments";
import type { CallAnalysis } from "@/lib/db/schema/calls";
import type { CallListRow } from "./call-columns";
import { parseTranscript } from "./parse-transcript";
import { callDetailSchema, type CallDetail } from "./schemas";
import { toCallListItem } from "./to-call-list-item";

export type CallDetailRow = CallListRow & {
  agentId: string | null;
  transcript: string | null;
  recordingUrl: string | null;
  analysis: CallAnalysis | null;
  createdAt: Date;
  updatedAt: Date;
  customerEmail: string | null;
};

const orNull = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

/** The call page's data, shaped through the response schema (no company id, Retell id or cost). */
export function toCallDetail(row: CallDetailRow, appointment: Appointment | null): CallDetail {
  const item = toCallListItem(row);
  const a = row.analysis;
  return callDetailSchema.parse({
    ...item,
    agentId: row.agentId,
    disconnectionReason: row.disconnectionReason,
    transcript: row.transcript,
    transcriptTurns: parseTranscript(row.transcript),
    recordingUrl: row.recordingUrl,
    analysis: a
      ? {
          summary: orNull(a.call_summary),
          userSentiment: orNull(a.user_sentiment),
          successful: orNull(a.call_successful),
          inVoicemail: orNull(a.in_voicemail),
          custom: a.custom_analysis_data ?? {},
        }
      : null,
    customer: item.customer ? { ...item.customer, email: row.customerEmail } : null,
    appointment: appointment
      ? {
          id: appointment.id,
          title: appointment.title,
          status: appointment.status,
          startAt: appointment.startAt.toISOString(),
          endAt: appointment.endAt.toISOString(),
          timezone: appointment.timezone,
          location: appointment.location,
        }
      : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  });
}
