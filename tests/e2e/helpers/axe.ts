import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** What fades or slides in over the page: toasts, dialogs, menus and popovers. */
const OVERLAYS = "[data-sonner-toaster], [role=dialog], [role=alertdialog], [role=menu], [data-radix-popper-content-wrapper]";

/**
 * No serious or critical WCAG 2 A/AA violation on the page as it is now (axe-core).
 *
 * It first waits for the overlays' finite animations and CSS transitions to finish: a toast or
 * dialog caught half-faded-in has its text at partial opacity, which axe reports as low contrast
 * although the settled page is fine. The rest of the page is not waited for (the live health view's
 * charts move with every second's data and never settle).
 *
 * `within` (a CSS selector) checks one part of the page only.
 */
export async function expectAccessible(page: Page, opts: { within?: string } = {}): Promise<void> {
  await page.waitForFunction(
    (overlays) =>
      document.getAnimations().every((a) => {
        const target = a.effect instanceof KeyframeEffect ? a.effect.target : null;
        if (!target?.closest(overlays)) return true;
        const end = a.effect?.getComputedTiming().endTime;
        return a.playState !== "running" || end === undefined || end === Infinity;
      }),
    OVERLAYS,
    { timeout: 10_000 },
  );
  const builder = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]);
  const { violations } = await (opts.within ? builder.include(opts.within) : builder).analyze();
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}
