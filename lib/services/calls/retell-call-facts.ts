import type { CallAnalysis, CallDirection, CallStatus, Sentiment } from "@/lib/db/schema/calls";
import type { RetellCall } from "@/lib/integrations/retell/schemas";

/** What a Retell call object (webhook or API) says about our calls row; absent fields say nothing. */
export interface RetellCallFacts {
  retellCallId: string;
  status: CallStatus;
  direction: CallDirection;
  agentId?: string;
  fromNumber?: string;
  toNumber?: string;
  startedAt?: Date;
  endedAt?: Date;
  durationMs?: number;
  transcript?: string;
  recordingUrl?: string;
  disconnectionReason?: string;
  analysis?: CallAnalysis;
  sentiment?: Sentiment;
  costCents?: number;
  /** Our customer id, when we placed the call (metadata `sb_customer_id`): checked against the company. */
  customerId?: string;
  /** A name to give a customer created from this call. */
  customerName?: string;
}

/** Calls only move forward: registered → ongoing → ended | error. A late call_started never reopens an ended call. */
export const CALL_STATUS_RANK: Record<CallStatus, number> = { registered: 0, ongoing: 1, ended: 2, error: 2 };

const RETELL_STATUS: Record<RetellCall["call_status"], CallStatus> = {
  registered: "registered",
  ongoing: "ongoing",
  ended: "ended",
  error: "error",
  not_connected: "error",
};
const SENTIMENT: Record<string, Sentiment> = { Positive: "positive", Negative: "negative", Neutral: "neutral", Unknown: "unknown" };

const str = (v: unknown, max: number) => (typeof v === "string" && v.length > 0 ? v.slice(0, max) : undefined);
const date = (ms: number | undefined) => (typeof ms === "number" && Number.isFinite(ms) && ms > 0 ? new Date(ms) : undefined);

/**
 * The facts of a Retell call. `implied` is the least the event itself proves (call_started →
 * ongoing, call_ended and call_analyzed → ended); the call's own status wins when it is further on
 * (an error/not_connected call ends as `error`).
 */
export function retellCallFacts(call: RetellCall, implied: CallStatus): RetellCallFacts {
  const own = RETELL_STATUS[call.call_status];
  const status = CALL_STATUS_RANK[own] >= CALL_STATUS_RANK[implied] ? own : implied;
  const analysis = call.call_analysis;
  const dyn = call.retell_llm_dynamic_variables ?? {};
  const custom = analysis?.custom_analysis_data ?? {};
  return {
    retellCallId: call.call_id,
    status,
    direction: call.direction ?? "inbound",
    agentId: str(call.agent_id, 64),
    fromNumber: str(call.from_number, 20),
    toNumber: str(call.to_number, 20),
    startedAt: date(call.start_timestamp),
    endedAt: date(call.end_timestamp),
    durationMs: call.duration_ms,
    transcript: str(call.transcript, 4_000_000),
    recordingUrl: str(call.recording_url, 1024),
    disconnectionReason: str(call.disconnection_reason, 64),
    analysis: analysis
      ? {
          call_summary: analysis.call_summary,
          user_sentiment: analysis.user_sentiment,
          call_successful: analysis.call_successful,
          in_voicemail: analysis.in_voicemail,
          custom_analysis_data: analysis.custom_analysis_data,
        }
      : undefined,
    sentiment: analysis?.user_sentiment ? SENTIMENT[analysis.user_sentiment] : undefined,
    costCents: call.call_cost ? Math.max(0, Math.round(call.call_cost.combined_cost)) : undefined,
    customerId: str(call.metadata?.sb_customer_id, 40),
    customerName: str(dyn.customer_name, 191) ?? str(custom.customer_name, 191),
  };
}
