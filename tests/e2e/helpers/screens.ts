import type { Page } from "@playwright/test";

export const PHONE = { width: 390, height: 844 } as const;
/** The narrowest phone the product supports. */
export const NARROW = { width: 360, height: 780 } as const;
export const DESKTOP = { width: 1280, height: 900 } as const;

/** A full-page screenshot at desktop width and one at phone width, as <dir>/<name>-{desktop,phone}.png (default test-results/screens). */
export async function screenshotBoth(page: Page, name: string, settle?: () => Promise<void>, dir = "test-results/screens"): Promise<void> {
  const original = page.viewportSize();
  for (const [suffix, size] of [
    ["desktop", DESKTOP],
    ["phone", PHONE],
  ] as const) {
    await page.setViewportSize(size);
    // Let responsive charts measure their new width.
    await page.waitForTimeout(400);
    await settle?.();
    await page.screenshot({ path: `${dir}/${name}-${suffix}.png`, fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}

/** How far the page scrolls sideways at 360 px (0 when everything fits; the nav row scrolls inside itself). */
export async function sideScrollAtNarrow(page: Page): Promise<number> {
  const original = page.viewportSize();
  await page.setViewportSize(NARROW);
  await page.waitForTimeout(400);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (original) await page.setViewportSize(original);
  return overflow;
}
