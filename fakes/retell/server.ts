import { z } from "zod";
import { DEMO_CREDENTIALS } from "@/lib/db/seed/demo-accounts";
import { LOCAL_DEFAULTS } from "@/lib/integrations/local-defaults";
import { signRetellPayload } from "@/lib/integrations/retell/signature";
import { e164Schema } from "@/lib/phone/e164-schema";
import { deliverWebhook } from "../shared/deliver";
import { startFakeServer, type FakeServer } from "../shared/fake-server";
import { bearerToken, FakeHttpError, json, type Route } from "../shared/http";
import { hexId } from "../shared/ids";

export interface RetellFakeAccount {
  apiKey: string;
  /** The agent a call gets when the create names none (Retell: the from number's outbound agent). */
  agentId: string;
}

export interface RetellFakeOptions {
  port?: number;
  host?: string;
  /** Default: the demo companies' keys and the local platform key. */
  accounts?: RetellFakeAccount[];
}

export const DEFAULT_RETELL_ACCOUNTS: RetellFakeAccount[] = [
  { apiKey: DEMO_CREDENTIALS.acme.retellApiKey, agentId: DEMO_CREDENTIALS.acme.retellAgentId },
  { apiKey: DEMO_CREDENTIALS.globex.retellApiKey, agentId: DEMO_CREDENTIALS.globex.retellAgentId },
  { apiKey: LOCAL_DEFAULTS.retellApiKey, agentId: "agent_local_platform_default" },
];

type Call = Record<string, unknown> & { call_id: string; call_status: string; start_timestamp?: number };
interface StoredCall {
  apiKey: string;
  createdAt: number;
  call: Call;
}

const createSchema = z.object({
  from_number: e164Schema,
  to_number: e164Schema,
  override_agent_id: z.string().min(1).optional(),
  override_agent_version: z.number().int().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  retell_llm_dynamic_variables: z.record(z.string(), z.string()).optional(),
});
const listSchema = z.object({
  filter_criteria: z
    .object({
      agent_id: z.array(z.string()).optional(),
      call_status: z.array(z.string()).optional(),
      direction: z.array(z.string()).optional(),
      from_number: z.array(z.string()).optional(),
      to_number: z.array(z.string()).optional(),
      start_timestamp: z.object({ lower_threshold: z.number().optional(), upper_threshold: z.number().optional() }).optional(),
    })
    .optional(),
  sort_order: z.enum(["ascending", "descending"]).default("descending"),
  limit: z.number().int().min(1).max(1000).default(50),
  pagination_key: z.string().optional(),
});
const EVENTS = ["call_started", "call_ended", "call_analyzed"] as const;
const sendWebhookSchema = z.object({
  target: z.string().url(),
  callId: z.string(),
  event: z.enum(EVENTS).optional(),
  events: z.array(z.enum(EVENTS)).optional(),
  /** Sign as of this instant (epoch ms): stale signatures on demand. */
  signedAt: z.number().int().optional(),
  /** Fields to set on the call before sending (transcript, call_analysis …). */
  call: z.record(z.string(), z.unknown()).optional(),
});
const inboundSchema = z.object({
  apiKey: z.string().optional(),
  company: z.enum(["acme", "globex"]).optional(),
  from_number: e164Schema,
  to_number: e164Schema,
  agent_id: z.string().optional(),
  direction: z.enum(["inbound", "outbound"]).default("inbound"),
  metadata: z.record(z.string(), z.unknown()).optional(),
});

/**
 * Retell.ai, in memory: one call store per API key (a Retell workspace), the three call endpoints,
 * and signed webhooks. Control extras:
 *   POST /__fake/calls {company|apiKey, from_number, to_number, direction?: "inbound"} → a call (someone phoned in)
 *   GET  /__fake/recordings/<call_id>.wav → the recording_url of ended calls (silence)
 *   POST /__fake/send-webhook {target, callId, event|events, signedAt?, call?} → deliveries; advances the
 *        call (started → ongoing, ended → transcript/recording/duration, analyzed → call_analysis) and
 *        signs each body with the API key of the call's account, as Retell does
 */
export function startRetellFake(opts: RetellFakeOptions = {}): Promise<FakeServer> {
  const accounts = new Map((opts.accounts ?? DEFAULT_RETELL_ACCOUNTS).map((a) => [a.apiKey, a]));
  const calls = new Map<string, StoredCall>();
  let baseUrl = "";

  function newCall(account: RetellFakeAccount, fields: Omit<Call, "call_id" | "call_status">): Call {
    const call: Call = {
      call_id: hexId("call_", 14),
      call_type: "phone_call",
      agent_version: 1,
      call_status: "registered",
      ...fields,
      agent_id: (fields.agent_id as string | undefined) ?? account.agentId,
    };
    calls.set(call.call_id, { apiKey: account.apiKey, createdAt: Date.now(), call });
    return call;
  }

  function own(apiKey: string, callId: string): StoredCall {
    const stored = calls.get(callId);
    if (!stored || stored.apiKey !== apiKey) throw new FakeHttpError(404, "Call not found", "not_found");
    return stored;
  }

  const routes: Route<RetellFakeAccount>[] = [
    { method: "GET", pattern: "/v2/get-call/:id", handler: (req) => json(200, own(req.account.apiKey, req.params.id!).call) },
    {
      method: "POST",
      pattern: "/v2/create-phone-call",
      handler: (req) => {
        const body = createSchema.parse(req.json() ?? {});
        const call = newCall(req.account, {
          direction: "outbound",
          from_number: body.from_number,
          to_number: body.to_number,
          agent_id: body.override_agent_id,
          metadata: body.metadata ?? {},
          retell_llm_dynamic_variables: body.retell_llm_dynamic_variables ?? {},
        });
        return json(201, call);
      },
    },
    {
      method: "POST",
      pattern: "/v3/list-calls",
      handler: (req) => {
        const body = listSchema.parse(req.json() ?? {});
        const f = body.filter_criteria ?? {};
        const within = (values: string[] | undefined, v: unknown) => !values || values.includes(String(v));
        const sortKey = (s: StoredCall) => s.call.start_timestamp ?? s.createdAt;
        const rows = [...calls.values()]
          .filter((s) => s.apiKey === req.account.apiKey)
          .filter(
            (s) =>
              within(f.agent_id, s.call.agent_id) && within(f.call_status, s.call.call_status) && within(f.direction, s.call.direction),
          )
          .filter((s) => within(f.from_number, s.call.from_number) && within(f.to_number, s.call.to_number))
          .filter((s) => {
            const t = f.start_timestamp;
            if (!t) return true;
            const start = s.call.start_timestamp;
            return (
              start !== undefined &&
              (t.lower_threshold === undefined || start >= t.lower_threshold) &&
              (t.upper_threshold === undefined || start <= t.upper_threshold)
            );
          })
          .sort(
            (a, b) =>
              (body.sort_order === "ascending" ? sortKey(a) - sortKey(b) : sortKey(b) - sortKey(a)) ||
              a.call.call_id.localeCompare(b.call.call_id),
          );
        let from = 0;
        if (body.pagination_key) {
          const at = rows.findIndex((s) => s.call.call_id === body.pagination_key);
          if (at < 0) throw new FakeHttpError(400, "Invalid pagination_key", "invalid_pagination_key");
          from = at + 1;
        }
        const page = rows.slice(from, from + body.limit);
        const hasMore = from + page.length < rows.length;
        // v3 list items leave out transcripts and recordings: get-call has them.
        const items = page.map(({ call }) => {
          const { transcript: _t, transcript_object: _o, recording_url: _r, ...rest } = call;
          return rest;
        });
        return json(200, { items, pagination_key: hasMore ? (page.at(-1)?.call.call_id ?? null) : null, has_more: hasMore });
      },
    },
  ];

  const control: Route<null>[] = [
    // Recording URLs are public links (S3 in real life): one second of silence, no auth.
    {
      method: "GET",
      pattern: "/__fake/recordings/:file",
      handler: () => ({ status: 200, bytes: SILENT_WAV, headers: { "content-type": "audio/wav" } }),
    },
    {
      method: "POST",
      pattern: "/__fake/calls",
      handler: (req) => {
        const body = inboundSchema.parse(req.json() ?? {});
        const key = body.apiKey ?? (body.company ? DEMO_CREDENTIALS[body.company].retellApiKey : LOCAL_DEFAULTS.retellApiKey);
        const account = accounts.get(key);
        if (!account) throw new FakeHttpError(400, "unknown account");
        return json(
          201,
          newCall(account, {
            direction: body.direction,
            from_number: body.from_number,
            to_number: body.to_number,
            agent_id: body.agent_id,
            metadata: body.metadata ?? {},
          }),
        );
      },
    },
    {
      method: "POST",
      pattern: "/__fake/send-webhook",
      handler: async (req) => {
        const body = sendWebhookSchema.parse(req.json() ?? {});
        const stored = calls.get(body.callId);
        if (!stored) throw new FakeHttpError(404, `no call ${body.callId}`);
        const events = body.events ?? (body.event ? [body.event] : []);
        if (events.length === 0) throw new FakeHttpError(400, "event or events is required");
        const deliveries = [];
        for (const event of events) {
          advance(stored.call, event, baseUrl);
          if (body.call) Object.assign(stored.call, body.call);
          const raw = JSON.stringify({ event, call: event === "call_started" ? withoutPostCallFields(stored.call) : stored.call });
          const signature = signRetellPayload(raw, stored.apiKey, body.signedAt ?? Date.now());
          deliveries.push({ event, ...(await deliverWebhook(body.target, raw, { "x-retell-signature": signature })) });
        }
        return json(200, { deliveries });
      },
    },
  ];

  return startFakeServer(
    {
      name: "retell",
      routes,
      control,
      authenticate: (req) => accounts.get(bearerToken(req.headers) ?? "") ?? null,
      errorResponse: (status, message, code) => json(status, { status: "error", error_code: code ?? `http_${status}`, message }),
      rateLimitHeaders: (retryAfter) => ({ "retry-after": String(Math.ceil(retryAfter)) }),
      reset: () => calls.clear(),
      state: () => ({ calls: [...calls.values()].map((s) => s.call) }),
    },
    opts,
  ).then((server) => {
    baseUrl = server.url;
    return server;
  });
}

/** One second of 8 kHz 16-bit mono silence. */
const SILENT_WAV = (() => {
  const samples = 8_000;
  const b = Buffer.alloc(44 + samples * 2);
  b.write("RIFF", 0);
  b.writeUInt32LE(36 + samples * 2, 4);
  b.write("WAVEfmt ", 8);
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(8_000, 24);
  b.writeUInt32LE(16_000, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write("data", 36);
  b.writeUInt32LE(samples * 2, 40);
  return b;
})();

function withoutPostCallFields(call: Call): Call {
  const {
    transcript: _t,
    transcript_object: _o,
    recording_url: _r,
    call_analysis: _a,
    call_cost: _c,
    end_timestamp: _e,
    duration_ms: _d,
    ...rest
  } = call;
  return rest as Call;
}

/** Moves a call along as the event says, filling what Retell fills at that point. */
function advance(call: Call, event: (typeof EVENTS)[number], baseUrl: string): void {
  const now = Date.now();
  if (event === "call_started") {
    call.call_status = "ongoing";
    call.start_timestamp ??= now;
    return;
  }
  if (call.call_status !== "ended") {
    call.start_timestamp ??= now - 95_000;
    call.call_status = "ended";
    call.end_timestamp = now;
    const durationMs = now - call.start_timestamp;
    call.duration_ms = durationMs;
    const lines = [
      ["agent", "Thank you for calling, how can I help you today?"],
      ["user", "Hi, I'd like to book a cleaning for next week."],
      ["agent", "Of course. I have Tuesday at 10 am or Thursday at 2 pm."],
      ["user", "Tuesday at 10 works, thanks."],
    ] as const;
    call.transcript = lines.map(([role, content]) => `${role === "agent" ? "Agent" : "User"}: ${content}`).join("\n");
    call.transcript_object = lines.map(([role, content]) => ({ role, content, words: [] }));
    call.recording_url = `${baseUrl}/__fake/recordings/${call.call_id}.wav`;
    call.disconnection_reason = "user_hangup";
    const seconds = Math.round(durationMs / 1000);
    call.call_cost = {
      combined_cost: Math.round(seconds * 0.12 * 100) / 100,
      total_duration_seconds: seconds,
      total_duration_unit_price: 0.12,
      product_costs: [{ product: "retell_platform", cost: Math.round(seconds * 0.12 * 100) / 100, unit_price: 0.12 }],
    };
  }
  if (event === "call_analyzed") {
    call.call_analysis = {
      call_summary: "The caller booked a cleaning for Tuesday at 10 am.",
      user_sentiment: "Positive",
      call_successful: true,
      in_voicemail: false,
      custom_analysis_data: { appointment_requested: true },
    };
  }
}
