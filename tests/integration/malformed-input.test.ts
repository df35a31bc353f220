import { createHmac, createPrivateKey, sign } from "node:crypto";
import { createServer, type Server } from "node:http";
import { connect } from "node:net";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PATCH as PATCH_COMPANY } from "@/app/api/v1/admin/companies/[id]/route";
import { GET as LIST_COMPANIES } from "@/app/api/v1/admin/companies/route";
import { POST as ROTATE_KEY } from "@/app/api/v1/api-keys/[id]/rotate/route";
import { DELETE as DELETE_KEY } from "@/app/api/v1/api-keys/[id]/route";
import { GET as GET_CALL } from "@/app/api/v1/calls/[id]/route";
import { GET as DOWNLOAD_EXPORT } from "@/app/api/v1/exports/[id]/download/route";
import { GET as GET_EXPORT } from "@/app/api/v1/exports/[id]/route";
import { POST as CALCOM } from "@/app/api/webhooks/calcom/route";
import { POST as SENDGRID } from "@/app/api/webhooks/sendgrid/route";
import { POST as STRIPE } from "@/app/api/webhooks/stripe/route";
import { FIXED_SENDGRID_KEY_PAIR } from "@/fakes/sendgrid/key-pair";
import { closeDb } from "@/lib/db/client";
import { runGateway } from "@/lib/gateway/pipeline";
import { LOCAL_DEFAULTS } from "@/lib/integrations/local-defaults";
import { answerClientError } from "@/lib/server/client-error";
import { refuseMalformedPath } from "@/lib/server/refuse-malformed-path";
import { SENDGRID_SIGNATURE_HEADER, SENDGRID_TIMESTAMP_HEADER } from "@/lib/integrations/sendgrid/signature";
import { edgeRequest } from "../helpers/gateway-requests";
import { seedCompany, seedTenant, seedUser } from "../helpers/seed-rows";
import { personCaller, routeParams, signedRequest, type TestCaller } from "../helpers/signed-request";

type Envelope = { error?: { code: string; message: string; requestId: string } };

/** A 4xx in the error envelope whose request id is the response's X-Request-Id. */
async function expectEnvelope(res: Response, status: number | number[], what: string) {
  const text = await res.text();
  const statuses = Array.isArray(status) ? status : [status];
  expect(statuses, `${what}: ${res.status} ${text.slice(0, 200)}`).toContain(res.status);
  expect(res.headers.get("content-type"), what).toContain("application/json");
  const body = JSON.parse(text) as Envelope;
  expect(body.error?.requestId, what).toBeTruthy();
  expect(body.error?.requestId).toBe(res.headers.get("x-request-id"));
  return body;
}

let owner: TestCaller;
let admin: TestCaller;
beforeAll(async () => {
  const t = await seedTenant({ role: "owner" });
  owner = personCaller({ userId: t.user.id, companyId: t.companyId, role: "owner" });
  const root = await seedUser({ isPlatformAdmin: true });
  admin = personCaller({ userId: root.id, companyId: null, role: null, pa: true });
});
afterAll(async () => closeDb());

describe("invalid percent-encoding in the path", () => {
  const paths = ["/api/v1/calls/%FF%FE", "/api/v1/calls/%ZZ", "/api/v1/exports/%E0%A4%A/download", "/api/v1/api-keys/abc%/rotate"];

  it("is refused by the gateway with 400 in the envelope, before authentication", async () => {
    for (const path of paths) {
      const decision = await runGateway(edgeRequest(path, { headers: { authorization: "Bearer sb_live_x" } }));
      expect(decision.kind, path).toBe("respond");
      const body = await expectEnvelope((decision as { response: Response }).response, 400, path);
      expect(body.error?.code).toBe("bad_request");
    }
  });

  it("is refused by the Node server in front of Next (whose router would answer a bare 500), with the client's request id kept", async () => {
    const server = createServer((req, res) => {
      if (refuseMalformedPath(req, res)) return;
      res.writeHead(204).end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      for (const path of paths) {
        const res = await fetch(`${base}${path}`, { headers: { "x-request-id": "client-req-12345" } });
        const body = await expectEnvelope(res, 400, path);
        expect(body.error?.requestId).toBe("client-req-12345");
      }
      expect((await fetch(`${base}/api/v1/calls/call_%41`)).status).toBe(204);
    } finally {
      server.close();
    }
  });
});

describe("a URL larger than Node's header limit", () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer((_req, res) => res.writeHead(204).end());
    server.on("clientError", answerClientError);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => server.close());

  /** Raw HTTP, so the answer is exactly what the server wrote. */
  function raw(request: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, "127.0.0.1", () => socket.write(request));
      let out = "";
      socket.on("data", (d) => (out += d.toString("utf8")));
      socket.on("end", () => resolve(out));
      socket.on("error", reject);
    });
  }

  it("answers 431 in the envelope with a request id (Node's own answer has no body)", async () => {
    const answer = await raw(`GET /api/v1/calls?q=${"a".repeat(64 * 1024)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    const [head, body] = answer.split("\r\n\r\n") as [string, string];
    expect(head).toMatch(/^HTTP\/1\.1 431 /);
    expect(head).toMatch(/content-type: application\/json/i);
    const parsed = JSON.parse(body) as Envelope;
    expect(parsed.error?.code).toBe("request_header_fields_too_large");
    expect(head).toContain(`x-request-id: ${parsed.error?.requestId}`);
  });

  it("answers bytes that are not HTTP with 400 in the envelope", async () => {
    const answer = await raw("NOT HTTP AT ALL\r\n\r\n");
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect((JSON.parse(answer.split("\r\n\r\n")[1]!) as Envelope).error?.code).toBe("bad_request");
  });
});

describe("ids in the path are checked against the id format before any query", () => {
  const badIds = ["call_😀", "😀", "x".repeat(200), "' OR 1=1 --", "call_01J\u0000", "é"];

  it("answers 404 in the envelope on every [id] route, never a 500", async () => {
    for (const id of badIds) {
      const at = encodeURIComponent(id);
      const cases: Array<[string, () => Promise<Response>]> = [
        ["GET call", async () => GET_CALL(await signedRequest(`/api/v1/calls/${at}`, { caller: owner }), routeParams({ id }))],
        ["GET export", async () => GET_EXPORT(await signedRequest(`/api/v1/exports/${at}`, { caller: owner }), routeParams({ id }))],
        [
          "GET export download",
          async () => DOWNLOAD_EXPORT(await signedRequest(`/api/v1/exports/${at}/download`, { caller: owner }), routeParams({ id })),
        ],
        [
          "DELETE key",
          async () => DELETE_KEY(await signedRequest(`/api/v1/api-keys/${at}`, { method: "DELETE", caller: owner }), routeParams({ id })),
        ],
        [
          "rotate key",
          async () =>
            ROTATE_KEY(
              await signedRequest(`/api/v1/api-keys/${at}/rotate`, { method: "POST", caller: owner, body: {} }),
              routeParams({ id }),
            ),
        ],
        [
          "PATCH company",
          async () =>
            PATCH_COMPANY(
              await signedRequest(`/api/v1/admin/companies/${at}`, { method: "PATCH", caller: admin, body: { tier: "PRO" } }),
              routeParams({ id }),
            ),
        ],
      ];
      for (const [what, call] of cases) {
        const body = await expectEnvelope(await call(), 404, `${what} ${JSON.stringify(id)}`);
        expect(body.error?.code).toBe("not_found");
      }
    }
  });

  it("still answers 401 before looking at the id when there is no gateway context", async () => {
    const res = await GET_CALL(await signedRequest("/api/v1/calls/%F0%9F%98%80", { caller: null }), routeParams({ id: "😀" }));
    expect(res.status).toBe(401);
  });
});

describe("the admin companies search", () => {
  it("answers a safe search for emoji, replacement characters and LIKE wildcards in q", async () => {
    for (const q of ["😀", "%FF%FE", "\uFFFD\uFFFD", "co_😀", "%_\\", "Ω≈ç√"]) {
      const res = await LIST_COMPANIES(await signedRequest(`/api/v1/admin/companies?${new URLSearchParams({ q })}`, { caller: admin }));
      expect(res.status, `${q}: ${await res.clone().text()}`).toBe(200);
      expect(((await res.json()) as { data: unknown[] }).data).toEqual([]);
    }
    // Invalid UTF-8 in the raw query string decodes to U+FFFD: still a search, not an error.
    const res = await LIST_COMPANIES(await signedRequest("/api/v1/admin/companies?q=%FF%FE", { caller: admin }));
    expect(res.status).toBe(200);
  });
});

describe("signed webhooks with hostile bodies", () => {
  const deepArray = `${"[".repeat(20_000)}${"]".repeat(20_000)}`;
  const deepObject = `${'{"a":'.repeat(5_000)}1${"}".repeat(5_000)}`;

  function calcomRequest(companyId: string, body: string) {
    const signature = createHmac("sha256", LOCAL_DEFAULTS.calcomWebhookSecret).update(body).digest("hex");
    return new Request(`http://localhost:3000/api/webhooks/calcom?company=${companyId}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-cal-signature-256": signature },
      body,
    });
  }

  function stripeRequest(body: string) {
    const signature = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: LOCAL_DEFAULTS.stripeWebhookSecret });
    return new Request("http://localhost:3000/api/webhooks/stripe", {
      method: "POST",
      headers: { "content-type": "application/json", "stripe-signature": signature },
      body,
    });
  }

  function sendgridRequest(body: string) {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const key = createPrivateKey({ key: Buffer.from(FIXED_SENDGRID_KEY_PAIR.privateKey, "base64"), format: "der", type: "pkcs8" });
    const signature = sign("sha256", Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]), key).toString("base64");
    return new Request("http://localhost:3000/api/webhooks/sendgrid", {
      method: "POST",
      headers: { "content-type": "application/json", [SENDGRID_SIGNATURE_HEADER]: signature, [SENDGRID_TIMESTAMP_HEADER]: timestamp },
      body,
    });
  }

  it("refuses a 20,000-deep array and a 5,000-deep object with 400 (no stack overflow), for every vendor", async () => {
    const companyId = await seedCompany({});
    for (const body of [deepArray, deepObject, `{"triggerEvent":"BOOKING_CREATED","payload":${deepArray}}`]) {
      await expectEnvelope(await CALCOM(calcomRequest(companyId, body)), 400, `calcom ${body.slice(0, 20)}`);
      await expectEnvelope(await STRIPE(stripeRequest(body)), 400, `stripe ${body.slice(0, 20)}`);
      await expectEnvelope(await SENDGRID(sendgridRequest(body)), 400, `sendgrid ${body.slice(0, 20)}`);
    }
  });

  it("refuses a signed `null`, a number, a string and an array body to Stripe with 400", async () => {
    for (const body of ["null", "42", '"evt"', "[]", '{"id":null,"type":"invoice.paid"}']) {
      await expectEnvelope(await STRIPE(stripeRequest(body)), 400, `stripe ${body}`);
    }
  });

  it("takes unicode strings to SendGrid without a database error (2xx or a 4xx, never 5xx)", async () => {
    const strings = ["😀", "\u0000", "\uD800", "\uDFFF", "ä\u0301", "\u202Eevil", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "a".repeat(300)];
    for (const s of strings) {
      const event = {
        email: s,
        timestamp: Math.floor(Date.now() / 1000),
        event: s,
        sg_event_id: `${s}-${Math.random()}`,
        sg_message_id: s,
      };
      const res = await SENDGRID(sendgridRequest(JSON.stringify([event])));
      const text = await res.text();
      expect(res.status, `${JSON.stringify(s)}: ${text}`).toBeLessThan(500);
    }
  });
});
