import { afterAll, describe, expect, it } from "vitest";
import { POST as CALCOM } from "@/app/api/webhooks/calcom/route";
import { POST as RETELL } from "@/app/api/webhooks/retell/route";
import { POST as STRIPE } from "@/app/api/webhooks/stripe/route";
import { closeDb, getDb } from "@/lib/db/client";
import { companySettings } from "@/lib/db/schema/company-settings";
import { seedCompany } from "../helpers/seed-rows";

afterAll(async () => {
  await closeDb();
});

function post(url: string, body: BodyInit, headers: Record<string, string>) {
  return new Request(`http://localhost:3000${url}`, { method: "POST", headers, body, duplex: "half" } as RequestInit);
}

/** A body that never ends on its own: a receiver that reads it before judging the header would sit on it until the cap. */
function endlessBody(): ReadableStream<Uint8Array> {
  const chunk = new TextEncoder().encode(`{"pad":"${"x".repeat(64 * 1024)}`);
  return new ReadableStream({
    pull(controller) {
      controller.enqueue(chunk);
    },
  });
}

describe("a delivery's signature header is judged before its body is read or a secret looked up", () => {
  it("Retell: a stale, malformed or missing signature is 401/400 before the body is parsed (a non-JSON body is never seen)", async () => {
    const stale = `v=${Date.now() - 10 * 60_000},d=${"a".repeat(64)}`;
    const cases: Array<[Record<string, string>, number]> = [
      [{ "x-retell-signature": stale }, 401],
      [{}, 401],
      [{ "x-retell-signature": "v=1,d=zz" }, 400],
    ];
    for (const [headers, status] of cases) {
      const res = await RETELL(post("/api/webhooks/retell", "this is not json", { "content-type": "application/json", ...headers }));
      expect(res.status, JSON.stringify(headers)).toBe(status);
    }
    // And an endless (chunked) body with no signature is refused without being read to the cap.
    const endless = await RETELL(post("/api/webhooks/retell", endlessBody(), { "content-type": "application/json" }));
    expect(endless.status).toBe(401);
  });

  it("Cal.com: a missing or malformed signature is refused before the company's secret is looked up", async () => {
    // A company whose stored secret cannot be decrypted: looking it up answers 500, so a 401/400 proves no lookup happened.
    const companyId = await seedCompany();
    await getDb().insert(companySettings).values({ companyId, calcomWebhookSecretEnc: "v1.not-a-real-envelope" });
    const url = `/api/webhooks/calcom?company=${companyId}`;
    const body = JSON.stringify({ triggerEvent: "BOOKING_CREATED", createdAt: new Date().toISOString(), payload: { uid: "bk_x" } });
    expect((await CALCOM(post(url, body, { "content-type": "application/json" }))).status).toBe(401);
    expect((await CALCOM(post(url, body, { "content-type": "application/json", "x-cal-signature-256": "nothex" }))).status).toBe(400);
    // With a well-formed signature the lookup does happen (and this broken secret is a server error).
    expect((await CALCOM(post(url, body, { "content-type": "application/json", "x-cal-signature-256": "a".repeat(64) }))).status).toBe(500);
  });

  it("Stripe: a stale or missing Stripe-Signature is refused without reading the body", async () => {
    const stale = `t=${Math.floor(Date.now() / 1000) - 3600},v1=${"b".repeat(64)}`;
    expect(
      (await STRIPE(post("/api/webhooks/stripe", endlessBody(), { "content-type": "application/json", "stripe-signature": stale }))).status,
    ).toBe(401);
    expect((await STRIPE(post("/api/webhooks/stripe", endlessBody(), { "content-type": "application/json" }))).status).toBe(401);
  });
});
