import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/**
 * No serious or critical WCAG 2 A/AA violation on the page as it is now (axe-core).
 *
 * It first waits for every finite animation and CSS transition to finish: a toast or dialog caught
 * half-faded-in has its text at partial opacity, which axe reports as low contrast although the
 * settled page is fine. Infinite ones (spinners, skeleton pulses) are not waited for.
 *
 * `within` (a CSS selector) checks one part of the page only — for a page whose other parts never
 * settle (the live health view's charts animate with every second's data).
 */
export async function expectAccessible(page: Page, opts: { within?: string } = {}): Promise<void> {
  await page.waitForFunction(
    (within) =>
      (within ? (document.querySelector(within)?.getAnimations({ subtree: true }) ?? []) : document.getAnimations()).every((a) => {
        const end = a.effect?.getComputedTiming().endTime;
        return a.playState !== "running" || end === undefined || end === Infinity;
      }),
    opts.within ?? null,
    { timeout: 10_000 },
  );
  const builder = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]);
  const { violations } = await (opts.within ? builder.include(opts.within) : builder).analyze();
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}
