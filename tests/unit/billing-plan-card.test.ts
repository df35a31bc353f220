import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PlanCard } from "@/app/(app)/billing/_components/plan-card";
import { companyLimits } from "@/lib/gateway/rate-limit/policy";
import type { Subscription } from "@/lib/services/billing/schemas";

/** The plan card's action row, by direction from the current tier. */
function render(s: Partial<Subscription> & Pick<Subscription, "tier">): string {
  const subscription: Subscription = {
    status: "none",
    currentPeriodEnd: null,
    cancelAtPeriodEnd: false,
    hasBillingAccount: false,
    hasSubscription: false,
    limits: companyLimits(s.tier, null),
    usageAlertPercent: null,
    ...s,
  };
  return renderToStaticMarkup(
    createElement(PlanCard, { subscription, canManage: true, busy: null, onCheckout: () => undefined, onPortal: () => undefined }),
  );
}

describe("the plan card labels a tier change by its direction", () => {
  it("FREE: every paid tier is an upgrade through checkout", () => {
    const html = render({ tier: "FREE" });
    for (const t of ["PRO", "ENTERPRISE", "UNLIMITED"]) expect(html).toContain(`data-testid="upgrade-${t}"`);
    expect(html).not.toContain("Downgrade");
    expect(html).not.toContain("Below your");
  });

  it("ENTERPRISE given by an admin (no subscription): Unlimited is an upgrade; Pro is no checkout button but a warning", () => {
    const html = render({ tier: "ENTERPRISE" });
    expect(html).toContain(`data-testid="upgrade-UNLIMITED"`);
    expect(html).toContain("Upgrade to Unlimited");
    expect(html).not.toContain(`data-testid="upgrade-PRO"`);
    expect(html).not.toContain("Upgrade to Pro");
    expect(html).toContain(`data-testid="downgrade-PRO"`);
    expect(html).toContain("Below your Enterprise plan: ask support to downgrade.");
  });

  it("a subscriber moves both ways in the portal, labelled Upgrade or Downgrade", () => {
    const html = render({ tier: "ENTERPRISE", status: "active", hasBillingAccount: true, hasSubscription: true });
    expect(html).toMatch(/Downgrade(<!-- -->)? in portal/);
    expect(html).toMatch(/Upgrade(<!-- -->)? in portal/);
    expect(html).not.toContain(`data-testid="upgrade-`);
  });
});
