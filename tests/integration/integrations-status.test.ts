import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PUT } from "@/app/api/v1/settings/integrations/[vendor]/route";
import { POST as TEST } from "@/app/api/v1/settings/integrations/[vendor]/test/route";
import { GET as LIST } from "@/app/api/v1/settings/integrations/route";
import { startFakes, type Fakes } from "@/fakes";
import { breakerPolicy } from "@/lib/breaker/breaker-policy";
import { breakerKeys } from "@/lib/breaker/keys";
import { credentialContext, encryptSecret } from "@/lib/crypto/encryption";
import { closeDb, getDb } from "@/lib/db/client";
import { companySettings } from "@/lib/db/schema/company-settings";
import { DEMO_CREDENTIALS } from "@/lib/db/seed/demo-accounts";
import { VENDORS, type Vendor } from "@/lib/integrations/http/vendor-error";
import { getRedis } from "@/lib/redis/client";
import type { ConnectionTest, IntegrationStatus } from "@/lib/services/integrations-status/schemas";
import { CONNECTION_TEST_DEADLINE_MS } from "@/lib/services/integrations-status/test-integration-connection";
import { seedDemoForApi } from "../helpers/demo-data";
import { fakeControl, fakeFaults, fakeRequests, fakeReset } from "../helpers/fakes-control";
import { seedTenant } from "../helpers/seed-rows";
import { apiKeyCaller, personCaller, routeParams, signedRequest, type TestCaller } from "../helpers/signed-request";

/**
 * The settings API's integration status and connection test, against the four fakes on free ports.
 * The routes use the vendors' real breakers (`retell`, `calcom`, …): each test starts with them reset.
 * BREAKER_OPEN_SECONDS=2 (set before anything reads it) keeps the open period short enough to watch
 * a breaker recover.
 */
const OPEN_SECONDS = 2;
const ENV_URL: Record<Vendor, string> = {
  retell: "RETELL_API_URL",
  calcom: "CALCOM_API_URL",
  stripe: "STRIPE_API_URL",
  sendgrid: "SENDGRID_API_URL",
};

let fakes: Fakes;
let url: Record<Vendor, string>;
let acme: string;
let owner: TestCaller;
let viewer: TestCaller;

type Body<T> = { data: T; error?: { code: string; message: string } };

async function testConnection(vendor: string, caller: TestCaller = owner) {
  const res = await TEST(
    await signedRequest(`/api/v1/settings/integrations/${vendor}/test`, { method: "POST", caller }),
    routeParams({ vendor }),
  );
  return { res, body: (await res.json()) as Body<ConnectionTest> };
}

async function listStatus(caller: TestCaller = owner) {
  const res = await LIST(await signedRequest("/api/v1/settings/integrations", { caller }));
  const body = (await res.json()) as Body<IntegrationStatus[]>;
  return { res, body, byVendor: Object.fromEntries((body.data ?? []).map((s) => [s.vendor, s])) as Record<Vendor, IntegrationStatus> };
}

async function resetBreakers() {
  const keys = VENDORS.flatMap((v) => [breakerKeys.state(v), breakerKeys.failures(v), breakerKeys.probes(v), breakerKeys.timeline(v)]);
  await getRedis().del(...keys);
}

beforeAll(async () => {
  process.env.BREAKER_OPEN_SECONDS = String(OPEN_SECONDS);
  fakes = await startFakes({ ports: { retell: 0, calcom: 0, stripe: 0, sendgrid: 0 } });
  url = fakes.urls as Record<Vendor, string>;
  // Before anything reads the integrations env: the clients go to these fakes.
  for (const vendor of VENDORS) process.env[ENV_URL[vendor]] = url[vendor];
  const { ids } = await seedDemoForApi();
  acme = ids.companies.acme;
  owner = personCaller({ userId: ids.users["owner@acme.test"]!, companyId: acme, role: "owner", tier: "PRO" });
  viewer = personCaller({ userId: ids.users["viewer@acme.test"]!, companyId: acme, role: "viewer", tier: "PRO" });
});

beforeEach(async () => {
  await Promise.all(VENDORS.map((v) => fakeReset(url[v])));
  await resetBreakers();
});

afterAll(async () => {
  // The next test file must find the vendors' breakers closed.
  await resetBreakers();
  await fakes.close();
  await closeDb();
  delete process.env.BREAKER_OPEN_SECONDS;
});

describe("BREAKER_OPEN_SECONDS", () => {
  it("replaces every dependency's open period, its table row and a caller's override included", () => {
    expect(breakerPolicy("stripe").openSec).toBe(OPEN_SECONDS); // the table says 30
    expect(breakerPolicy("sendgrid", { openSec: 600 }).openSec).toBe(OPEN_SECONDS);
    expect(breakerPolicy("svc:calls@svi_1")).toMatchObject({ openSec: OPEN_SECONDS, failureThreshold: 5, windowSec: 300 });
  });
});

describe("GET /api/v1/settings/integrations", () => {
  it("lists the four integrations: credential set (company's or platform's), breaker closed, no outage — and no secret", async () => {
    const { res, body, byVendor } = await listStatus(viewer); // settings:read is enough
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(body.data.map((s) => s.vendor)).toEqual(["retell", "calcom", "stripe", "sendgrid"]);
    expect(byVendor.retell).toMatchObject({
      name: "Retell.ai",
      configured: true,
      credentialSource: "company",
      credentialProblem: null,
      check: "read",
      lastFailure: null,
    });
    expect(byVendor.calcom).toMatchObject({ configured: true, credentialSource: "company", check: "read" });
    expect(byVendor.stripe).toMatchObject({ configured: true, credentialSource: "platform", check: "read" });
    expect(byVendor.sendgrid).toMatchObject({ configured: true, credentialSource: "company", check: "send_only" });
    for (const s of body.data) {
      expect(s.breaker).toEqual({
        state: "closed",
        since: null,
        openUntil: null,
        failuresInWindow: 0,
        failureThreshold: 5,
        windowSeconds: 300,
        openSeconds: OPEN_SECONDS,
      });
    }
    const text = JSON.stringify(body);
    for (const secret of Object.values(DEMO_CREDENTIALS.acme)) if (String(secret).length >= 16) expect(text).not.toContain(String(secret));
    // Listing calls no vendor.
    for (const v of VENDORS) expect(await fakeRequests(url[v])).toHaveLength(0);
  });
});

describe("POST /api/v1/settings/integrations/{vendor}/test", () => {
  it("reads once through each vendor's client with the company's key and answers ok with the latency", async () => {
    const retell = await testConnection("retell");
    expect(retell.res.status).toBe(200);
    expect(retell.res.headers.get("cache-control")).toBe("no-store");
    expect(retell.body.data).toMatchObject({
      vendor: "retell",
      ok: true,
      check: "read",
      breaker: { state: "closed", failuresInWindow: 0 },
    });
    expect(retell.body.data.latencyMs).toEqual(expect.any(Number));
    expect(retell.body.data.error).toBeUndefined();
    expect(Date.parse(retell.body.data.testedAt)).toBeGreaterThan(Date.now() - 60_000);
    const [listCall, ...more] = await fakeRequests(url.retell);
    expect(more).toHaveLength(0);
    expect(listCall).toMatchObject({ method: "POST", path: "/v3/list-calls", status: 200, body: expect.objectContaining({ limit: 1 }) });
    expect(listCall!.headers.authorization).toBe(`Bearer ${DEMO_CREDENTIALS.acme.retellApiKey}`);

    const calcom = await testConnection("calcom");
    expect(calcom.body.data).toMatchObject({ vendor: "calcom", ok: true, check: "read" });
    expect(await fakeRequests(url.calcom)).toEqual([
      expect.objectContaining({ method: "GET", path: "/v2/bookings", query: expect.objectContaining({ take: "1" }), status: 200 }),
    ]);

    // Stripe: a lookup of a customer no account has — the 404 proves the platform key was accepted.
    const stripe = await testConnection("stripe");
    expect(stripe.body.data).toMatchObject({ vendor: "stripe", ok: true, check: "read" });
    expect(await fakeRequests(url.stripe)).toEqual([
      expect.objectContaining({ method: "GET", path: "/v1/customers/cus_switchboard_connection_check", status: 404 }),
    ]);

    // SendGrid is send-only: nothing is sent, the answer says so.
    const sendgrid = await testConnection("sendgrid");
    expect(sendgrid.body.data).toMatchObject({
      vendor: "sendgrid",
      ok: true,
      check: "send_only",
      latencyMs: 0,
      note: expect.stringContaining("only used to send mail"),
    });
    expect(await fakeRequests(url.sendgrid)).toHaveLength(0);
  });

  it("a failing vendor answers 200 with ok:false in our words (never the vendor's), and the failures count", async () => {
    // A read is retried once: both attempts fail.
    await fakeFaults(url.retell, { failNext: 2, status: 503 });
    const { res, body } = await testConnection("retell");
    expect(res.status).toBe(200);
    expect(body.data).toMatchObject({
      vendor: "retell",
      ok: false,
      error: { code: "vendor_error", message: "Retell.ai answered with an error (HTTP 503)." },
      breaker: { state: "closed", failuresInWindow: 2 },
    });
    expect(JSON.stringify(body)).not.toMatch(/Injected failure|http_503/);
    expect(await fakeRequests(url.retell, "/v3/list-calls")).toHaveLength(2);

    // Cal.com unreachable (connections reset): "could not be reached".
    await fakeFaults(url.calcom, { down: true });
    const down = await testConnection("calcom");
    expect(down.body.data).toMatchObject({
      ok: false,
      error: { code: "unreachable", message: "Cal.com could not be reached." },
      breaker: { failuresInWindow: 2 },
    });
  });

  it("a key the vendor refuses is credential_rejected and does not count against the breaker; a key that no longer decrypts is reported", async () => {
    const tenant = await seedTenant({ tier: "PRO", role: "owner" });
    const caller = personCaller({ userId: tenant.user.id, companyId: tenant.companyId, role: "owner", tier: "PRO" });
    await getDb()
      .insert(companySettings)
      .values({
        companyId: tenant.companyId,
        retellApiKeyEnc: encryptSecret("key_not_a_retell_key_0000", credentialContext(tenant.companyId, "retell_api_key_enc")),
        // Encrypted for another company: bound to its context, it does not decrypt here.
        calcomApiKeyEnc: encryptSecret("cal_live_whatever_00000000", credentialContext(acme, "calcom_api_key_enc")),
      });

    const refused = await testConnection("retell", caller);
    expect(refused.body.data).toMatchObject({
      ok: false,
      error: { code: "credential_rejected", message: "Retell.ai refused your company's API key: check it in Settings." },
      breaker: { state: "closed", failuresInWindow: 0 },
    });
    expect(await fakeRequests(url.retell)).toEqual([expect.objectContaining({ status: 401 })]);

    const unreadable = await testConnection("calcom", caller);
    expect(unreadable.body.data).toMatchObject({ ok: false, latencyMs: 0, error: { code: "credential_unreadable" } });
    expect(await fakeRequests(url.calcom)).toHaveLength(0);

    const { byVendor } = await listStatus(caller);
    expect(byVendor.retell).toMatchObject({ configured: true, credentialSource: "company", credentialProblem: null });
    expect(byVendor.calcom).toMatchObject({ configured: true, credentialSource: "company", credentialProblem: "unreadable" });
    // Nothing stored for SendGrid: the platform's key.
    expect(byVendor.sendgrid).toMatchObject({ configured: true, credentialSource: "platform" });
  });

  it("runs against the key the company stored through PUT …/{vendor}, and falls back to the platform's when it is removed", async () => {
    const tenant = await seedTenant({ tier: "PRO", role: "admin" });
    const caller = personCaller({ userId: tenant.user.id, companyId: tenant.companyId, role: "admin", tier: "PRO" });
    const put = async (apiKey: string | null) =>
      (
        await PUT(
          await signedRequest("/api/v1/settings/integrations/retell", { method: "PUT", caller, body: { apiKey } }),
          routeParams({ vendor: "retell" }),
        )
      ).status;
    expect(await put(DEMO_CREDENTIALS.globex.retellApiKey)).toBe(200);
    expect((await testConnection("retell", caller)).body.data).toMatchObject({ ok: true });
    expect((await fakeRequests(url.retell)).map((r) => r.headers.authorization)).toEqual([
      `Bearer ${DEMO_CREDENTIALS.globex.retellApiKey}`,
    ]);

    expect(await put("rtl_not_an_account_0000")).toBe(200);
    expect((await testConnection("retell", caller)).body.data).toMatchObject({ ok: false, error: { code: "credential_rejected" } });

    expect(await put(null)).toBe(200);
    await fakeReset(url.retell);
    expect((await testConnection("retell", caller)).body.data).toMatchObject({ ok: true });
    expect((await fakeRequests(url.retell)).map((r) => r.headers.authorization)).not.toContain(
      `Bearer ${DEMO_CREDENTIALS.globex.retellApiKey}`,
    );
  });

  it("5 failures open the breaker; an open breaker answers at once without calling; after the pause a test probes and closes it", async () => {
    await fakeFaults(url.retell, { failNext: 5, status: 500 });
    // Each test is a read retried once, so the 5 failures take three tests; the third is refused on its retry.
    const answers: ConnectionTest[] = [];
    for (let i = 0; i < 3; i++) answers.push((await testConnection("retell")).body.data);
    expect(answers.map((a) => a.ok)).toEqual([false, false, false]);
    expect(answers.map((a) => a.error?.code)).toEqual(["vendor_error", "vendor_error", "breaker_open"]);
    expect(await fakeRequests(url.retell, "/v3/list-calls")).toHaveLength(5);

    const { byVendor } = await listStatus();
    expect(byVendor.retell.breaker).toMatchObject({ state: "open", openSeconds: OPEN_SECONDS });
    expect(Date.parse(byVendor.retell.breaker.openUntil!)).toBeGreaterThan(Date.now());
    expect(byVendor.retell.lastFailure).toEqual({
      at: expect.any(String),
      cause: "5 failures within 300 s; the last one got an error answer or no answer.",
    });
    expect(byVendor.calcom.breaker.state).toBe("closed");

    // Open: answered quickly, nothing sent.
    const started = Date.now();
    const paused = await testConnection("retell");
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(paused.res.status).toBe(200);
    expect(paused.body.data).toMatchObject({
      ok: false,
      breaker: { state: "open" },
      error: { code: "breaker_open", retryAt: expect.any(String) },
    });
    expect(paused.body.data.error!.message).toMatch(
      /^Retell\.ai is temporarily paused after repeated failures; retrying at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\.$/,
    );
    expect(Date.parse(paused.body.data.error!.retryAt!)).toBeLessThanOrEqual(Date.now() + OPEN_SECONDS * 1000 + 1000);
    expect(await fakeRequests(url.retell, "/v3/list-calls")).toHaveLength(5);

    // The vendor recovers; once the pause is over the next test is the probe, and it closes the breaker.
    await fakeControl(url.retell, "DELETE", "/__fake/faults");
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(byVendor.retell.breaker.openUntil!) - Date.now()) + 50));
    expect((await listStatus()).byVendor.retell.breaker.state).toBe("half_open");
    const probe = await testConnection("retell");
    expect(probe.body.data).toMatchObject({ ok: true, breaker: { state: "closed", failuresInWindow: 0 } });
    expect(probe.body.data.error).toBeUndefined();
    // The outage stays on record.
    expect((await listStatus()).byVendor.retell.lastFailure?.cause).toMatch(/^5 failures within 300 s/);
  });

  it("SendGrid, send-only, reports its open breaker without calling", async () => {
    // Its breaker is fed by sends: open it the way five failed sends would.
    const { recordResult } = await import("@/lib/breaker/record-result");
    for (let i = 0; i < 5; i++) await recordResult("sendgrid", breakerPolicy("sendgrid"), { ok: false, cause: "timeout", now: Date.now() });
    const { body } = await testConnection("sendgrid");
    expect(body.data).toMatchObject({ ok: false, check: "send_only", error: { code: "breaker_open" }, breaker: { state: "open" } });
    expect(body.data.error!.message).toContain("SendGrid is temporarily paused after repeated failures; retrying at ");
    expect(body.data.note).toBeUndefined();
    expect((await listStatus()).byVendor.sendgrid.lastFailure?.cause).toBe("5 failures within 300 s; the last one timed out.");
    expect(await fakeRequests(url.sendgrid)).toHaveLength(0);
  });

  it("is forbidden without settings:manage (viewer, member, a key scoped settings:read), and calls nothing", async () => {
    for (const role of ["viewer", "member"] as const) {
      const caller = { ...viewer, role };
      const { res, body } = await testConnection("retell", caller);
      expect(res.status).toBe(403);
      expect(body.error).toMatchObject({ code: "forbidden", message: "This needs the settings:manage permission." });
    }
    const key = apiKeyCaller({ keyId: "key_test_settings_read", companyId: acme, scopes: ["settings:read"], tier: "PRO" });
    expect((await testConnection("retell", key)).res.status).toBe(403);
    expect((await listStatus(key)).res.status).toBe(200);
    expect((await listStatus(apiKeyCaller({ keyId: "key_test_calls_read", companyId: acme, scopes: ["calls:read"] }))).res.status).toBe(
      403,
    );
    expect(await fakeRequests(url.retell)).toHaveLength(0);
  });

  it("an unknown vendor is 404", async () => {
    for (const vendor of ["twilio", "RETELL", "toString"]) {
      const { res, body } = await testConnection(vendor);
      expect(res.status).toBe(404);
      expect(body.error).toMatchObject({ code: "not_found", message: "No such integration." });
    }
  });

  it("answers within its own short deadline when a vendor is slow (not the vendor's 8 s timeout, twice)", async () => {
    // Every answer held 15 s: without the deadline the test waits two 8 s attempts.
    await fakeFaults(url.calcom, { latencyMs: 15_000 });
    const started = Date.now();
    const { res, body } = await testConnection("calcom");
    const waited = Date.now() - started;
    expect(res.status).toBe(200);
    expect(body.data).toMatchObject({ vendor: "calcom", ok: false, error: { code: "timeout" } });
    // Bounded by the test's deadline, not by the vendor (a loose bound: the old behaviour took 16 s).
    expect(CONNECTION_TEST_DEADLINE_MS).toBeLessThanOrEqual(5_000);
    expect(waited).toBeLessThan(8_000);
    await fakeReset(url.calcom);
  });
});
