import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { PRODUCTION_SECRETS } from "@/lib/env/production-secrets";
import { SPAN_AUDIT_FILE } from "../setup/span-audit-file";
import { CLIENT_TRACE, CLIENT_TRACE_REQUEST_ID } from "./helpers/client-trace";

interface RecordedSpan {
  traceId: string;
  name: string;
  status: string | null;
  attributes: Record<string, unknown>;
  events: Array<{ name: string; attributes: Record<string, unknown> }>;
  resource: Record<string, unknown>;
}

/** Shapes no span may carry, whatever the run's data: credentials, tokens, people's details, bodies. */
const FORBIDDEN_SHAPES: Array<[string, RegExp]> = [
  ["an API key", /sb_(live|test)_[A-Za-z0-9_-]{6,}/],
  ["a JWT", /eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]{4,}/],
  ["an Authorization value", /\b(Bearer|Basic)\s+\S/i],
  ["a vendor secret", /whsec_|sk_(test|live)_|SG\.[\w-]{8,}/],
  ["a session cookie", /next-auth\.|session-token/i],
  ["an email address", /[\w.+-]+@[\w-]+\.[a-z]{2,}/i],
  ["a phone number", /\+\d{10,15}/],
  ["a JSON body", /^\s*[[{]\s*"/],
  ["the signed gateway context", /x-gateway-/i],
];

/** Every string a span would export: its name, status message, attribute and event values, resource. */
function textsOf(span: RecordedSpan): string[] {
  const values = [
    ...Object.values(span.attributes),
    ...span.events.flatMap((e) => [e.name, ...Object.values(e.attributes)]),
    ...Object.values(span.resource),
  ];
  return [span.name, span.status ?? "", ...values.flatMap((v) => (Array.isArray(v) ? v : [v])).map((v) => String(v))];
}

const sqlOf = (s: RecordedSpan) => String(s.attributes["db.query.text"] ?? s.attributes["db.statement"] ?? "");

test("no span of the whole e2e run carries a secret, a token, a password, an SQL value or a request body", async () => {
  const lines = (await readFile(SPAN_AUDIT_FILE, "utf8")).split("\n").filter(Boolean);
  const spans = lines.map((l) => JSON.parse(l) as RecordedSpan);

  // The run was traced for real: requests, cache reads, SQL, Redis.
  expect(spans.length).toBeGreaterThan(50);
  expect(spans.filter((s) => s.attributes["switchboard.request_id"] !== undefined).length).toBeGreaterThan(5);
  expect(spans.some((s) => s.name.startsWith("cache "))).toBe(true);
  expect(spans.some((s) => s.attributes["db.system.name"] === "redis")).toBe(true);
  const sql = spans.map(sqlOf).filter(Boolean);
  expect(sql.length).toBeGreaterThan(5);

  const secrets: string[] = [...new Set(PRODUCTION_SECRETS.flatMap((s) => [...s.published]))];
  secrets.push(process.env.DEMO_PASSWORD ?? "switchboard-demo");
  const problems: string[] = [];
  for (const span of spans) {
    for (const text of textsOf(span)) {
      for (const secret of secrets) if (text.includes(secret)) problems.push(`${span.name}: a published secret or the demo password`);
      for (const [what, shape] of FORBIDDEN_SHAPES)
        if (shape.test(text)) problems.push(`${span.name}: ${what} in ${JSON.stringify(text.slice(0, 120))}`);
    }
    // SQL: the statement's shape only — a quoted literal or a number beside a comparison is a value.
    const statement = sqlOf(span);
    if (/'[^']*'|"[^"]*"/.test(statement)) problems.push(`${span.name}: a quoted value in ${statement.slice(0, 160)}`);
  }
  expect([...new Set(problems)].slice(0, 20)).toEqual([]);
});

test("a trace context a client sends is not adopted: its requests were traced under trace ids of our own", async () => {
  const spans = (await readFile(SPAN_AUDIT_FILE, "utf8"))
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as RecordedSpan);
  // client-trace.spec.ts sent them with its own traceparent and this request id.
  const sent = spans.filter((s) => s.attributes["switchboard.request_id"] === CLIENT_TRACE_REQUEST_ID);
  expect(sent.length).toBeGreaterThan(0);
  for (const span of sent) expect(span.traceId).not.toBe(CLIENT_TRACE.traceId);
  expect(spans.filter((s) => s.traceId === CLIENT_TRACE.traceId).map((s) => s.name)).toEqual([]);
});
