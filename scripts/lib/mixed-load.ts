/**
 * A steady, bounded mixed load on a running app, for `npm run test:faults` and `npm run bench:soak`:
 * one request per tick, round robin over the kinds (an API key's reads, a signed-in person's reads,
 * a signed SendGrid delivery sent by the vendor fake, the ready probe), at most `maxInFlight` at once
 * (a tick with that many still open is counted as skipped, never queued). Every answer is kept.
 */

export interface Sample {
  kind: string;
  /** ms since the epoch when the request was sent. */
  sentAt: number;
  ms: number;
  /** 0: no HTTP answer (connection refused, timeout). */
  status: number;
  retryAfter: string | null;
  cache: string | null;
  /** The first 600 characters of the body. */
  body: string;
  error?: string;
  /** Webhook kinds: the delivery's identity and what the app answered. */
  delivery?: { key: string; id?: string; spooled?: boolean };
}

export interface LoadKind {
  name: string;
  run(): Promise<Omit<Sample, "kind" | "sentAt" | "ms">>;
}

export interface Load {
  samples: Sample[];
  skipped: number;
  /** Resolves once every request sent before `t` has its answer (each is bounded by its own timeout). */
  settled(t: number): Promise<void>;
  stop(): Promise<void>;
}

export async function timedFetch(url: string, init: RequestInit = {}, timeoutMs = 10_000): Promise<Omit<Sample, "kind" | "sentAt" | "ms">> {
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const body = (await res.text()).slice(0, 600);
    return { status: res.status, retryAfter: res.headers.get("retry-after"), cache: res.headers.get("x-cache"), body };
  } catch (err) {
    return {
      status: 0,
      retryAfter: null,
      cache: null,
      body: "",
      error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
    };
  }
}

export function startMixedLoad(kinds: LoadKind[], opts: { intervalMs: number; maxInFlight: number }): Load {
  const samples: Sample[] = [];
  const open = new Map<Promise<void>, number>();
  const state: Load = {
    samples,
    skipped: 0,
    async settled(t) {
      await Promise.all([...open].filter(([, sentAt]) => sentAt < t).map(([p]) => p));
    },
    async stop() {
      clearInterval(timer);
      await Promise.all(open.keys());
    },
  };
  let next = 0;
  const tick = () => {
    if (open.size >= opts.maxInFlight) {
      state.skipped++;
      return;
    }
    const kind = kinds[next++ % kinds.length]!;
    const sentAt = Date.now();
    const started = performance.now();
    const p = kind
      .run()
      .then((r) => void samples.push({ kind: kind.name, sentAt, ms: performance.now() - started, ...r }))
      .finally(() => open.delete(p));
    open.set(p, sentAt);
  };
  const timer = setInterval(tick, opts.intervalMs);
  return state;
}

export interface Principals {
  appUrl: string;
  /** An API key with calls:read and dashboard:read. */
  apiKey: string;
  /** A person's bearer access token. */
  token: string;
  companyId: string;
  /**
   * The company the SendGrid deliveries are for: another tenant (Globex), so that their processing
   * (customers.updated) does not invalidate the reading company's cache entries every second.
   */
  webhookCompanyId: string;
  sendgridFakeUrl: string;
}

/**
 * Signs in a demo person of Acme (bearer token) and has them create an API key, through the app's own
 * API; the webhooks are Globex's (its owner signs in once to learn its id).
 */
export async function demoPrincipals(appUrl: string, sendgridFakeUrl: string): Promise<Principals> {
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(appUrl + path, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as { data?: Record<string, unknown> };
    if (!res.ok || !json.data) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(json)}`);
    return json.data;
  };
  const signIn = async (email: string) =>
    String((await post("/api/v1/auth/token", { email, password: process.env.DEMO_PASSWORD ?? "switchboard-demo" })).accessToken);
  const companyOf = async (token: string) => {
    const ping = await fetch(`${appUrl}/api/v1/ping`, { headers: { authorization: `Bearer ${token}` } });
    return ((await ping.json()) as { data: { companyId: string } }).data.companyId;
  };
  const token = await signIn("admin@acme.test");
  const created = await post(
    "/api/v1/api-keys",
    { name: `load-${Date.now()}`, scopes: ["calls:read", "dashboard:read"] },
    { authorization: `Bearer ${token}` },
  );
  const webhookCompanyId = await companyOf(await signIn("owner@globex.test"));
  return { appUrl, apiKey: String(created.key), token, companyId: await companyOf(token), webhookCompanyId, sendgridFakeUrl };
}

/** A SendGrid batch of one event for the company, as the fake signs and delivers it (same events again: the vendor's retry). */
export function sendgridEvents(companyId: string, key: string) {
  return [{ email: "load@patients.test", event: "delivered", sg_message_id: `m.${key}`, sg_event_id: key, sb_company_id: companyId }];
}

export async function deliverSendgrid(p: Principals, key: string): Promise<Omit<Sample, "kind" | "sentAt" | "ms">> {
  const failed = (error: string) => ({ status: 0, retryAfter: null, cache: null, body: "", error, delivery: { key } });
  try {
    const res = await fetch(`${p.sendgridFakeUrl}/__fake/send-webhook`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ target: `${p.appUrl}/api/webhooks/sendgrid`, events: sendgridEvents(p.webhookCompanyId, key) }),
      signal: AbortSignal.timeout(15_000),
    });
    if (!res.ok) return failed(`the fake answered ${res.status}: ${await res.text()}`);
    const { deliveries } = (await res.json()) as {
      deliveries: Array<{ status: number | null; retryAfter?: string | null; body: string; error?: string }>;
    };
    const d = deliveries[0]!;
    if (d.status === null) return failed(d.error ?? "no answer");
    let answer = null as { data?: { id?: string; spooled?: boolean } } | null;
    try {
      answer = JSON.parse(d.body) as typeof answer;
    } catch {
      // not JSON: the caller's envelope check reports it
    }
    return {
      status: d.status,
      retryAfter: d.retryAfter ?? null,
      cache: null,
      body: d.body.slice(0, 600),
      delivery: { key, id: answer?.data?.id, spooled: answer?.data?.spooled === true },
    };
  } catch (err) {
    return failed(err instanceof Error ? err.message : String(err));
  }
}

/** The kinds' names (the fault test's expectations are keyed by them). */
export const KIND = {
  keyCalls: "key: GET /api/v1/calls",
  keyPing: "key: GET /api/v1/ping",
  personOverview: "person: GET /api/v1/dashboard/overview",
  personCalls: "person: GET /api/v1/calls",
  webhook: "webhook: POST /api/webhooks/sendgrid",
  ready: "GET /api/health/ready",
} as const;

/** The mixed load's kinds; the webhook kind's answer is what the fake saw (status, Retry-After, body). */
export function mixedKinds(p: Principals, opts: { ready?: boolean } = {}): LoadKind[] {
  const key = { authorization: `Bearer ${p.apiKey}` };
  const person = { authorization: `Bearer ${p.token}` };
  let n = 0;
  const kinds: LoadKind[] = [
    { name: KIND.keyCalls, run: () => timedFetch(`${p.appUrl}/api/v1/calls?limit=5`, { headers: key }) },
    { name: KIND.personOverview, run: () => timedFetch(`${p.appUrl}/api/v1/dashboard/overview`, { headers: person }) },
    { name: KIND.keyPing, run: () => timedFetch(`${p.appUrl}/api/v1/ping`, { headers: key }) },
    { name: KIND.personCalls, run: () => timedFetch(`${p.appUrl}/api/v1/calls?limit=5`, { headers: person }) },
    {
      name: KIND.webhook,
      run: () => deliverSendgrid(p, `sg_load_${process.pid}_${Date.now().toString(36)}_${n++}`),
    },
  ];
  if (opts.ready !== false) kinds.push({ name: KIND.ready, run: () => timedFetch(`${p.appUrl}/api/health/ready`) });
  return kinds;
}
