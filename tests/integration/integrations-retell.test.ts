import { beforeAll, describe, expect, it } from "vitest";
import { breakerStates } from "@/lib/breaker/breaker-states";
import { BreakerTimeoutError } from "@/lib/breaker/errors";
import { DEMO_CREDENTIALS } from "@/lib/db/seed/demo-accounts";
import { VendorError } from "@/lib/integrations/http/vendor-error";
import {
  createRetellClient,
  parseRetellWebhook,
  RETELL_IDEMPOTENCY_KEY,
  retellSignatureProblem,
  verifyRetellSignature,
  type RetellCall,
} from "@/lib/integrations/retell";
import type { Capture } from "../helpers/fakes-capture";
import { fakeControl, fakeFaults, fakeRequests, fakeSendWebhook, fakeState, uniqueBreaker } from "../helpers/fakes-control";
import { setupFake } from "../helpers/fakes-fixture";

const KEY = DEMO_CREDENTIALS.acme.retellApiKey;
const FROM = "+16175550100";
const fake = setupFake("retell");
let url: string;
let capture: Capture;
let n = 0;
const nextNumber = () => `+1617555${String(2000 + n++).padStart(4, "0")}`;

/** A client on its own breaker, so one test's failures never open another's. */
const client = (opts: { apiKey?: string; timeoutMs?: number } = {}) =>
  createRetellClient({
    apiKey: opts.apiKey ?? KEY,
    baseUrl: url,
    breakerName: uniqueBreaker("retell"),
    ...(opts.timeoutMs ? { policy: { timeoutMs: opts.timeoutMs } } : {}),
  });

beforeAll(() => {
  ({ url, capture } = fake);
});

describe("Retell client against the fake", () => {
  it("creates a phone call, reads it back, and pages through list-calls with the Bearer key", async () => {
    const retell = client();
    const created = await retell.createPhoneCall({ from_number: FROM, to_number: nextNumber(), metadata: { sb_company_id: "co_1" } });
    expect(created.call_status).toBe("registered");
    expect(created.agent_id).toBe(DEMO_CREDENTIALS.acme.retellAgentId);
    expect(created.metadata?.[RETELL_IDEMPOTENCY_KEY]).toEqual(expect.any(String));

    const read = await retell.getCall(created.call_id);
    expect(read).toEqual({ value: expect.objectContaining({ call_id: created.call_id, from_number: FROM }), fallback: false });

    for (let i = 0; i < 2; i++) await retell.createPhoneCall({ from_number: FROM, to_number: nextNumber() });
    const page1 = await retell.listCalls({ limit: 2 });
    expect(page1.value.items).toHaveLength(2);
    expect(page1.value.hasMore).toBe(true);
    const page2 = await retell.listCalls({ limit: 2, pagination_key: page1.value.paginationKey! });
    expect(page2.value.items).toHaveLength(1);
    expect(page2.value.hasMore).toBe(false);
    const ids = [...page1.value.items, ...page2.value.items].map((c) => c.call_id);
    expect(new Set(ids).size).toBe(3);

    const all: RetellCall[] = [];
    for await (const call of retell.iterateCalls({ limit: 1 })) all.push(call);
    expect(all.map((c) => c.call_id).sort()).toEqual([...ids].sort());

    const [first] = await fakeRequests(url, "/v2/get-call");
    expect(first?.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it("a wrong key answers 401: a VendorError marking the credential, 502 to our client", async () => {
    const err = await client({ apiKey: "key_not_a_retell_key_000" })
      .getCall("call_x")
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VendorError);
    expect(err).toMatchObject({ vendor: "retell", vendorStatus: 401, status: 502, code: "bad_gateway", credentialRejected: true });
    // 401 is an answer, not an outage: not retried
    expect(await fakeRequests(url, "/v2/get-call")).toHaveLength(1);
  });

  it("an unknown call is a 404 for our client too", async () => {
    await expect(client().getCall("call_missing")).rejects.toMatchObject({ status: 404, code: "not_found", vendorStatus: 404 });
  });

  it("waits out a 429's Retry-After, then succeeds", async () => {
    const retell = client();
    const call = await retell.createPhoneCall({ from_number: FROM, to_number: nextNumber() });
    await fakeFaults(url, { rateLimitNext: 1, retryAfter: 1 });
    const started = Date.now();
    const { value } = await retell.getCall(call.call_id);
    expect(value.call_id).toBe(call.call_id);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect((await fakeRequests(url, "/v2/get-call")).map((r) => r.status)).toEqual([429, 200]);
  });

  it("a read is retried once after a 5xx; two 5xx in a row surface as 502", async () => {
    const retell = client();
    const call = await retell.createPhoneCall({ from_number: FROM, to_number: nextNumber() });
    await fakeFaults(url, { failNext: 1, status: 503 });
    expect((await retell.getCall(call.call_id)).value.call_id).toBe(call.call_id);

    await fakeFaults(url, { failNext: 2, status: 500 });
    await expect(retell.getCall(call.call_id)).rejects.toMatchObject({
      name: "VendorError",
      vendorStatus: 500,
      status: 502,
      isOutage: true,
    });
    expect((await fakeRequests(url, "/v2/get-call")).map((r) => r.status)).toEqual([503, 200, 500, 500]);
  });

  it("an unreachable Retell ({down: true}) is a VendorError without status", async () => {
    await fakeFaults(url, { down: true });
    await expect(client().getCall("call_x")).rejects.toMatchObject({ vendorStatus: null, status: 502, isOutage: true });
  });

  it("5 failures open the breaker; then the fallback answers without calling Retell", async () => {
    const name = uniqueBreaker("retell-open");
    const retell = createRetellClient({ apiKey: KEY, baseUrl: url, breakerName: name });
    await fakeFaults(url, { failNext: 50, status: 503 });
    const cached = { call_id: "call_cached" } as RetellCall;
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await retell.getCall("call_any", { fallback: () => cached }));

    expect(results.every((r) => r.fallback && r.value === cached)).toBe(true);
    // 2 + 2 + 1 attempts: the 5th failure opens it, the 4th call never leaves
    expect(await fakeRequests(url, "/v2/get-call")).toHaveLength(5);
    expect(results.map((r) => (r.fallback ? r.reason : "live"))).toEqual(["failure", "failure", "open", "open"]);
    expect((await breakerStates()).find((s) => s.name === name)?.state).toBe("open");
  });
});

describe("create-phone-call is never double-created", () => {
  it("reconciles after a timeout when Retell created the call but the answer came too late", async () => {
    const retell = client({ timeoutMs: 400 });
    const to = nextNumber();
    await fakeFaults(url, { latencyMs: 1_500, latencyNext: 1, path: "/v2/create-phone-call" });
    const call = await retell.createPhoneCall({ from_number: FROM, to_number: to }, { reconcileDelayMs: 0 });

    const { calls } = await fakeState<{ calls: RetellCall[] }>(url);
    expect(calls.filter((c) => c.to_number === to)).toHaveLength(1);
    expect(call.call_id).toBe(calls[0]!.call_id);
    expect((await fakeRequests(url)).map((r) => r.path)).toEqual(["/v2/create-phone-call", "/v3/list-calls"]);
  });

  it("reconciles after a 5xx whose call was created (lost answer)", async () => {
    const retell = client();
    const to = nextNumber();
    await fakeFaults(url, { failNext: 1, afterEffect: true, status: 502 });
    const call = await retell.createPhoneCall({ from_number: FROM, to_number: to }, { reconcileDelayMs: 0 });
    const { calls } = await fakeState<{ calls: RetellCall[] }>(url);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.call_id).toBe(call.call_id);
  });

  it("creates again, once, when the failed attempt did not create anything", async () => {
    const retell = client();
    await fakeFaults(url, { failNext: 1, status: 500 });
    await retell.createPhoneCall({ from_number: FROM, to_number: nextNumber() }, { reconcileDelayMs: 0 });
    expect((await fakeRequests(url)).map((r) => `${r.path} ${r.status}`)).toEqual([
      "/v2/create-phone-call 500",
      "/v3/list-calls 200",
      "/v2/create-phone-call 201",
    ]);
    expect((await fakeState<{ calls: RetellCall[] }>(url)).calls).toHaveLength(1);
  });

  it("gives up without a second create when Retell cannot say whether the call exists", async () => {
    const retell = client();
    // the create fails ambiguously, and so do both attempts of the reconciling list
    await fakeFaults(url, { failNext: 3, status: 503 });
    const err = await retell
      .createPhoneCall({ from_number: FROM, to_number: nextNumber() }, { reconcileDelayMs: 0 })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "VendorError", vendorStatus: 503 });
    expect((await fakeRequests(url)).map((r) => r.path)).toEqual(["/v2/create-phone-call", "/v3/list-calls", "/v3/list-calls"]);
  });

  it("a repeated business operation (same idempotencyKey) returns the first call", async () => {
    const retell = client();
    const input = { from_number: FROM, to_number: nextNumber(), idempotencyKey: "reminder:appt_123" };
    const first = await retell.createPhoneCall(input);
    const again = await retell.createPhoneCall(input);
    expect(again.call_id).toBe(first.call_id);
    expect((await fakeState<{ calls: RetellCall[] }>(url)).calls).toHaveLength(1);
  });

  it("a timeout without reconcile data still reports the timeout (504) to a read", async () => {
    await fakeFaults(url, { latencyMs: 1_500 });
    const err = await client({ timeoutMs: 300 })
      .getCall("call_slow")
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BreakerTimeoutError);
    expect((err as BreakerTimeoutError).status).toBe(504);
  });
});

describe("Retell webhooks", () => {
  it("the fake delivers call_started, call_ended, call_analyzed signed with the account's key; each verifies", async () => {
    const inbound = await fakeControl<RetellCall>(url, "POST", "/__fake/calls", {
      company: "acme",
      from_number: nextNumber(),
      to_number: FROM,
    });
    capture.received.length = 0;
    const { deliveries } = await fakeSendWebhook(url, {
      target: capture.url,
      callId: inbound.call_id,
      events: ["call_started", "call_ended", "call_analyzed"],
    });
    expect(deliveries.map((d) => d.status)).toEqual([200, 200, 200]);
    expect(capture.received).toHaveLength(3);

    const parsed = capture.received.map((r) => {
      expect(verifyRetellSignature(r.raw, r.headers["x-retell-signature"] as string, KEY)).toBe(true);
      const p = parseRetellWebhook(JSON.parse(r.raw));
      if (p.kind !== "known") throw new Error("unexpected event");
      return p;
    });
    expect(parsed.map((p) => p.webhook.event)).toEqual(["call_started", "call_ended", "call_analyzed"]);
    expect(parsed[0]!.webhook.call.transcript).toBeUndefined();
    expect(parsed[1]!.webhook.call).toMatchObject({ call_status: "ended", direction: "inbound", disconnection_reason: "user_hangup" });
    expect(parsed[1]!.webhook.call.duration_ms).toBeGreaterThan(0);
    expect(parsed[1]!.webhook.call.transcript).toContain("User:");
    expect(parsed[2]!.webhook.call.call_analysis).toMatchObject({ user_sentiment: "Positive", call_successful: true });
    const recording = await fetch(parsed[1]!.webhook.call.recording_url!);
    expect(recording.status).toBe(200);
    expect(recording.headers.get("content-type")).toBe("audio/wav");
    expect((await recording.arrayBuffer()).byteLength).toBeGreaterThan(44);
    expect(parsed.map((p) => p.eventId)).toEqual([
      `call_started:${inbound.call_id}`,
      `call_ended:${inbound.call_id}`,
      `call_analyzed:${inbound.call_id}`,
    ]);
  });

  it("rejects a forged key, a tampered body, a stale or malformed signature", async () => {
    const call = await client().createPhoneCall({ from_number: FROM, to_number: nextNumber() });
    const { deliveries } = await fakeSendWebhook(url, { target: capture.url, callId: call.call_id, event: "call_ended" });
    const { body, headers } = deliveries[0]!.sent;
    const signature = headers["x-retell-signature"]!;
    const signedAt = Number(/v=(\d+)/.exec(signature)![1]);

    expect(retellSignatureProblem(body, signature, KEY)).toBeNull();
    expect(retellSignatureProblem(body, signature, DEMO_CREDENTIALS.globex.retellApiKey)).toBe("mismatch");
    expect(retellSignatureProblem(body.replace('"ended"', '"error"'), signature, KEY)).toBe("mismatch");
    expect(retellSignatureProblem(body, signature, KEY, signedAt + 5 * 60_000 + 1)).toBe("stale");
    expect(retellSignatureProblem(body, signature, KEY, signedAt + 5 * 60_000 - 1)).toBeNull();
    expect(retellSignatureProblem(body, signature.replace("v=", "t="), KEY)).toBe("malformed");
    expect(retellSignatureProblem(body, undefined, KEY)).toBe("missing");

    // a delivery the fake signs 6 minutes in the past is refused now
    const { deliveries: old } = await fakeSendWebhook(url, {
      target: capture.url,
      callId: call.call_id,
      event: "call_analyzed",
      signedAt: Date.now() - 6 * 60_000,
    });
    expect(verifyRetellSignature(old[0]!.sent.body, old[0]!.sent.headers["x-retell-signature"], KEY)).toBe(false);
  });
});
