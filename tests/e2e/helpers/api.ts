import { expect, type Page } from "@playwright/test";

/** GET an API path with the page's session (page.request carries its cookies); the `{data, meta}` envelope, asserting 200. */
export async function apiGet<T, M = Record<string, unknown>>(page: Page, path: string): Promise<{ data: T; meta?: M }> {
  const res = await page.request.get(path);
  expect(res.status(), `GET ${path}`).toBe(200);
  return (await res.json()) as { data: T; meta?: M };
}

/**
 * What a browser sends with a write from our own pages: `page.request` (Playwright's API client)
 * sends no Origin, and the gateway refuses a cookie-authenticated write that names none (CSRF).
 */
export function sameOrigin(): { origin: string } {
  return { origin: `http://127.0.0.1:${process.env.E2E_PORT}` };
}
