import { createId } from "@/lib/ids/create-id";
import type { CallStatus, NewCall } from "../schema/calls";
import { callScript, type CallScript } from "./call-scripts";
import type { CompanyContext } from "./context";
import { strangerPhone } from "./people";
import type { Rng } from "./prng";

export type CustomerRef = { id: string; name: string; phone: string | null; email: string | null };

const ERRORS = ["error_llm_websocket_open", "error_no_audio_received", "error_retell", "error_inbound_webhook"] as const;
/** Retell charges per minute; roughly 7¢ with the voice and LLM the demo agent uses. */
const CENTS_PER_MINUTE = 7;

/**
 * One call of a demo company, started at `startedAt`. A `live` call (ongoing, or registered and not
 * yet started) has no end, transcript or analysis yet.
 */
export function generateCall(
  rng: Rng,
  ctx: CompanyContext,
  customers: readonly CustomerRef[],
  startedAt: Date,
  live: Extract<CallStatus, "ongoing" | "registered"> | null = null,
): { call: NewCall; script: CallScript | null; customer: CustomerRef | null } {
  const { company } = ctx;
  const direction = live ? "inbound" : rng.chance(0.78) ? "inbound" : "outbound";
  const known = customers.length > 0 && (direction === "outbound" || rng.chance(0.85));
  // Squaring skews towards the first customers: regulars call often, most people rarely.
  const customer = known ? customers[Math.floor(rng.next() ** 2 * customers.length)]! : null;
  const otherParty = customer?.phone ?? strangerPhone(rng);
  const retellCallId = rng.string(32);
  const base: NewCall = {
    id: createId("call", { at: startedAt, random: rng.next }),
    companyId: ctx.companyId,
    retellCallId,
    customerId: customer?.id ?? null,
    agentId: `agent_demo_${ctx.key}_${direction === "inbound" ? "frontdesk" : "outreach"}`,
    direction,
    status: live ?? "ended",
    fromNumber: direction === "inbound" ? otherParty : company.phone,
    toNumber: direction === "inbound" ? company.phone : otherParty,
    startedAt,
    endedAt: null,
    durationMs: null,
    transcript: null,
    recordingUrl: null,
    disconnectionReason: null,
    sentiment: null,
    analysis: null,
    costCents: null,
    createdAt: startedAt,
    updatedAt: startedAt,
  };
  if (live) return { call: base, script: null, customer };

  if (rng.chance(0.025)) {
    const durationMs = rng.int(0, 8_000);
    const endedAt = new Date(startedAt.getTime() + durationMs);
    return {
      call: { ...base, status: "error", endedAt, durationMs, disconnectionReason: rng.pick(ERRORS), costCents: 0, updatedAt: endedAt },
      script: null,
      customer,
    };
  }

  const script = callScript(rng, company.industry, direction, company.name, customer?.name ?? null);
  const endedAt = new Date(startedAt.getTime() + script.durationMs);
  const answered = script.durationMs > 0;
  return {
    call: {
      ...base,
      endedAt,
      durationMs: script.durationMs,
      transcript: script.transcript,
      recordingUrl: answered ? `https://retell-recordings.example.com/${retellCallId}/recording.wav` : null,
      disconnectionReason: script.disconnectionReason,
      sentiment: script.sentiment,
      analysis: {
        call_summary: script.summary,
        user_sentiment: script.sentiment[0]!.toUpperCase() + script.sentiment.slice(1),
        call_successful: script.successful,
        in_voicemail: script.scenario === "voicemail",
        custom_analysis_data: { intent: script.intent, appointment_booked: script.booked !== null },
      },
      costCents: Math.ceil((script.durationMs / 60_000) * CENTS_PER_MINUTE),
      updatedAt: new Date(endedAt.getTime() + 30_000), // call_analyzed arrives shortly after the end
    },
    script,
    customer,
  };
}
