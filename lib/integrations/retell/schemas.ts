import { z } from "zod";
import { e164Schema } from "@/lib/phone/e164-schema";

/**
 * Retell's call object as we read it (API v2 get-call; v3 list items carry the same fields minus
 * transcripts and recordings). Timestamps are epoch milliseconds, durations `duration_ms`. Unknown
 * fields are kept (`looseObject`): Retell adds fields often and that must not break us.
 */
export const RETELL_CALL_STATUSES = ["registered", "not_connected", "ongoing", "ended", "error"] as const;
export const RETELL_SENTIMENTS = ["Negative", "Positive", "Neutral", "Unknown"] as const;

export const retellCallAnalysisSchema = z.looseObject({
  call_summary: z.string().optional(),
  user_sentiment: z.enum(RETELL_SENTIMENTS).optional(),
  call_successful: z.boolean().optional(),
  in_voicemail: z.boolean().optional(),
  custom_analysis_data: z.record(z.string(), z.unknown()).optional(),
});

export const retellCallCostSchema = z.looseObject({
  /** Cents. */
  combined_cost: z.number(),
  total_duration_seconds: z.number().optional(),
  total_duration_unit_price: z.number().optional(),
  product_costs: z.array(z.looseObject({ product: z.string(), cost: z.number(), unit_price: z.number().optional() })).optional(),
});

export const retellCallSchema = z.looseObject({
  call_id: z.string().min(1),
  call_type: z.enum(["phone_call", "web_call"]),
  agent_id: z.string(),
  agent_version: z.number().optional(),
  call_status: z.enum(RETELL_CALL_STATUSES),
  direction: z.enum(["inbound", "outbound"]).optional(),
  from_number: z.string().optional(),
  to_number: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  retell_llm_dynamic_variables: z.record(z.string(), z.unknown()).nullish(),
  start_timestamp: z.number().int().optional(),
  end_timestamp: z.number().int().optional(),
  duration_ms: z.number().int().nonnegative().optional(),
  transcript: z.string().optional(),
  transcript_object: z.array(z.looseObject({ role: z.string(), content: z.string() })).optional(),
  recording_url: z.string().url().optional(),
  disconnection_reason: z.string().optional(),
  call_analysis: retellCallAnalysisSchema.optional(),
  call_cost: retellCallCostSchema.optional(),
});
export type RetellCall = z.infer<typeof retellCallSchema>;

/** POST /v3/list-calls: cursor pagination, the cursor being the last call id of the page (exclusive). */
export const retellCallListSchema = z.object({
  items: z.array(retellCallSchema),
  pagination_key: z.string().nullish(),
  has_more: z.boolean(),
});

export interface RetellCallFilter {
  agent_id?: string[];
  call_status?: Array<(typeof RETELL_CALL_STATUSES)[number]>;
  direction?: Array<"inbound" | "outbound">;
  from_number?: string[];
  to_number?: string[];
  /** Epoch ms, both inclusive. */
  start_timestamp?: { lower_threshold?: number; upper_threshold?: number };
}

export interface RetellListCallsInput {
  filter_criteria?: RetellCallFilter;
  sort_order?: "ascending" | "descending";
  /** 1–1000; Retell's default is 50. */
  limit?: number;
  /** The previous page's `paginationKey`. */
  pagination_key?: string;
}

export interface RetellCallPage {
  items: RetellCall[];
  /** Pass as `pagination_key` for the next page; null on the last one. */
  paginationKey: string | null;
  hasMore: boolean;
}

export const retellCreatePhoneCallSchema = z.object({
  from_number: e164Schema,
  to_number: e164Schema,
  /** Retell's name for it is override_agent_id; without it the from number's outbound agent answers. */
  agent_id: z.string().min(1).optional(),
  metadata: z.record(z.string(), z.unknown()).default({}),
  retell_llm_dynamic_variables: z.record(z.string(), z.string()).optional(),
  /**
   * Names this business operation (e.g. `reminder:<appointmentId>`): stored in the call's metadata,
   * so a create whose answer was lost is found again instead of dialling twice. Default: random.
   */
  idempotencyKey: z.string().min(1).max(200).optional(),
});
export type RetellCreatePhoneCallInput = z.input<typeof retellCreatePhoneCallSchema>;

/** The metadata key that carries our idempotency marker on calls we create. */
export const RETELL_IDEMPOTENCY_KEY = "sb_idempotency_key";

export const retellErrorCode = (body: unknown): string | undefined => {
  const b = body as { error_code?: unknown; status?: unknown } | null;
  return typeof b?.error_code === "string" ? b.error_code : undefined;
};
