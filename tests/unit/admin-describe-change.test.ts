import { describe, expect, it } from "vitest";
import { describeChange } from "@/app/(app)/admin/_components/describe-change";
import type { AdminAuditEntry } from "@/lib/services/admin/schemas";

const entry = (action: string, metadata: Record<string, unknown>): AdminAuditEntry => ({
  id: "aud_1",
  companyId: "co_1",
  actorUserId: null,
  actorApiKeyId: null,
  actorEmail: null,
  action,
  targetType: "company",
  targetId: "co_1",
  metadata,
  requestId: null,
  createdAt: "2026-01-01T00:00:00.000Z",
});

describe("the audit log's one-line change", () => {
  it("lists every override that differs, 'tier' standing for none, and appends the note", () => {
    const line = describeChange(
      entry("company.limits_overridden", {
        from: { endpoint: { calls: 50, dashboard: 10 } },
        to: { endpoint: { calls: 60, dashboard: 10 }, company: { perHour: 9000 } },
        before: {},
        after: {},
        note: "trial",
      }),
    );
    expect(line).toBe("company.perHour: tier → 9000, endpoint.calls: 50 → 60 · Note: trial");
    expect(describeChange(entry("company.limits_overridden", { from: { user: { perHour: 5 } }, to: null }))).toBe("user.perHour: 5 → tier");
  });

  it("says tier moves, reasons, and falls back to the metadata without before/after", () => {
    expect(describeChange(entry("company.tier_changed", { from: "FREE", to: "PRO" }))).toBe("FREE → PRO");
    expect(describeChange(entry("company.reactivated", { previousReason: "unpaid", note: "paid" }))).toBe(
      "Was suspended for: unpaid · Note: paid",
    );
    expect(describeChange(entry("api_key.created", { name: "CI", scopes: ["calls:read"], before: { x: 1 } }))).toBe(
      'name: CI, scopes: ["calls:read"]',
    );
    expect(describeChange(entry("member.removed", {}))).toBe("—");
  });
});
