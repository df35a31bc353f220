import { expect, request, test, type APIResponse, type Page } from "@playwright/test";
import { sameOrigin } from "./helpers/api";
import { signInOnce } from "./helpers/session";

/**
 * Front answers (lib/server/front-answers.ts): the production server decides a reusable read itself and,
 * while the handler's last answer for the same caller and URL is current, answers it again without
 * Next. What the outside sees must not change: the same body and headers, every request counted by the
 * gateway, nothing older than a committed write, nothing served to another caller.
 */

/** This instance's count of answers the server reused (Prometheus text, read as a platform admin). */
async function reusedSoFar(root: Page): Promise<number> {
  const res = await root.request.get("/api/metrics");
  expect(res.status()).toBe(200);
  let n = 0;
  for (const m of (await res.text()).matchAll(/^switchboard_reused_answers_total\{[^}]*\} (\d+)/gm)) n += Number(m[1]);
  return n;
}

async function createKey(admin: Page, scopes: string[]): Promise<{ id: string; key: string }> {
  const res = await admin.request.post("/api/v1/api-keys", {
    data: { name: `front answers ${Date.now().toString(36)}`, scopes },
    headers: sameOrigin(),
  });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { data: { id: string; key: string } }).data;
}

/** Header names a client can compare between two answers (per-answer values like the date aside). */
function headerNames(res: APIResponse): string[] {
  const perAnswer = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length"]);
  return Object.keys(res.headers())
    .filter((h) => !perAnswer.has(h))
    .sort();
}

const remaining = (res: APIResponse) => Number(res.headers()["x-ratelimit-remaining"]);

test("a repeated read is answered again before Next: same answer, still counted, never older than a write, never another caller's", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const root = await browser.newPage();
  await signInOnce(root, "root@switchboard.test");
  await signInOnce(page, "admin@acme.test");
  const reader = await createKey(page, ["calls:read", "calls:write", "customers:write"]);
  const sameScopes = await createKey(page, ["calls:read", "calls:write", "customers:write"]);
  const dashboardOnly = await createKey(page, ["dashboard:read"]);
  const api = await request.newContext({ baseURL });
  const as = (k: { key: string }, extra: Record<string, string> = {}) => ({ headers: { authorization: `Bearer ${k.key}`, ...extra } });

  // A customer of its own, so the list below is this test's alone whatever the demo data holds today.
  const phone = `+1907555${String(Math.floor(Math.random() * 10_000)).padStart(4, "0")}`;
  const created = await api.post("/api/v1/customers", { ...as(reader), data: { name: "Front Answer Test", phone } });
  expect(created.status()).toBe(201);
  const customerId = ((await created.json()) as { data: { id: string } }).data.id;
  const path = `/api/v1/calls?customerId=${customerId}&limit=5`;

  const before = await reusedSoFar(root);
  const first = await api.get(path, as(reader));
  expect(first.status()).toBe(200);
  expect(((await first.json()) as { data: unknown[] }).data).toEqual([]);
  const second = await api.get(path, as(reader));
  expect(second.status()).toBe(200);
  expect(await reusedSoFar(root)).toBe(before + 1);
  // The same answer, with the same headers as the handler's (security, rate limits, cache), its own request id.
  expect(second.headers()["x-cache"]).toBe("HIT");
  expect(await second.json()).toEqual(await first.json());
  expect(headerNames(second)).toEqual(headerNames(first));
  for (const h of [
    "content-type",
    "content-security-policy",
    "x-frame-options",
    "referrer-policy",
    "x-content-type-options",
    "content-encoding",
  ])
    expect(second.headers()[h], h).toBe(first.headers()[h]);
  expect(second.headers()["x-request-id"]).not.toBe(first.headers()["x-request-id"]);
  // Still decided by the gateway: the request was counted in the key's limits.
  expect(remaining(second)).toBeLessThan(remaining(first));

  // Asking for fresh data skips it (and the cache).
  const fresh = await api.get(path, as(reader, { "cache-control": "no-cache" }));
  expect(fresh.headers()["x-cache"]).toBe("BYPASS");
  // Another key, even with the same scopes, gets its own answer from the handler; a key without calls:read gets a 403.
  expect((await api.get(path, as(sameScopes))).status()).toBe(200);
  expect((await api.get(path, as(dashboardOnly))).status()).toBe(403);
  expect(await reusedSoFar(root)).toBe(before + 1);

  // A write commits: the next read is the handler's, with the new call, not the kept empty list.
  const placed = await api.post("/api/v1/calls", { ...as(reader), data: { customerId } });
  expect(placed.status()).toBe(202);
  const placedId = ((await placed.json()) as { data: { id: string } }).data.id;
  const after = await api.get(path, as(reader));
  expect(((await after.json()) as { data: Array<{ id: string }> }).data.map((c) => c.id)).toEqual([placedId]);
  expect(await reusedSoFar(root)).toBe(before + 1);
  // …and that answer is the one reused next.
  const again = await api.get(path, as(reader));
  expect(((await again.json()) as { data: Array<{ id: string }> }).data.map((c) => c.id)).toEqual([placedId]);
  expect(await reusedSoFar(root)).toBe(before + 2);

  // A revoked key is refused at once, though its answer is still kept.
  expect((await page.request.delete(`/api/v1/api-keys/${reader.id}`, { headers: sameOrigin() })).status()).toBe(200);
  const revoked = await api.get(path, as(reader));
  expect(revoked.status()).toBe(401);
  expect(await reusedSoFar(root)).toBe(before + 2);

  // A person's session is decided the same way (the cookie read as the proxy reads it): the overview, twice.
  const overview = "/api/v1/dashboard/overview?range=30d";
  const bySession = await page.request.get(overview);
  expect(bySession.status()).toBe(200);
  const bySessionAgain = await page.request.get(overview);
  expect(bySessionAgain.status()).toBe(200);
  expect(await bySessionAgain.json()).toEqual(await bySession.json());
  expect(await reusedSoFar(root)).toBe(before + 3);
  // Without the cookie the same URL is a 401, not the kept answer.
  expect((await api.get(overview)).status()).toBe(401);

  // The server's mark that it decided a request cannot be sent by a client: without a key it is still a 401.
  for (const p of [path, "/api/v1/customers"]) {
    const forged = await api.get(p, { headers: { "x-gateway-decided": "A".repeat(32) } });
    expect(forged.status(), p).toBe(401);
  }
  await api.dispose();
  await root.close();
});
