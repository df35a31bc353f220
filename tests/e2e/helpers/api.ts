import { expect, type Page } from "@playwright/test";

/** GET an API path with the page's session (page.request carries its cookies); the `{data, meta}` envelope, asserting 200. */
export async function apiGet<T, M = Record<string, unknown>>(page: Page, path: string): Promise<{ data: T; meta?: M }> {
  const res = await page.request.get(path);
  expect(res.status(), `GET ${path}`).toBe(200);
  return (await res.json()) as { data: T; meta?: M };
}
