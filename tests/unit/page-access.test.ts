import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";

/**
 * Issue 10 §1: ONE page-access helper (lib/auth/page-access.ts) that every server page and layout
 * under app/(app) uses: signed in, not suspended, and the page's rule, as the navigation applies it.
 */

const session = vi.hoisted(() => ({ current: null as null | { user: Record<string, unknown> }, suspended: false }));
vi.mock("@/lib/auth/get-session", () => ({
  getSession: async () => session.current,
}));
vi.mock("@/lib/services/companies/is-company-suspended", () => ({ isCompanySuspended: async () => session.suspended }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-gateway-page-path": "/calls/call_1?tab=transcript" }) }));

const { pageAccess } = await import("@/lib/auth/page-access");

/** Where a redirect() thrown by the helper points (Next encodes it in the error's digest). */
async function redirectedTo(p: Promise<unknown>): Promise<string | null> {
  try {
    await p;
    return null;
  } catch (err) {
    const digest = (err as { digest?: string }).digest ?? "";
    return digest.startsWith("NEXT_REDIRECT") ? digest.split(";")[2]! : `unexpected ${String(err)}`;
  }
}

const user = (over: Record<string, unknown> = {}) => ({
  user: { id: "usr_1", companyId: "co_1", companyName: "Acme", role: "member", isPlatformAdmin: false, ...over },
});

beforeEach(() => {
  session.current = null;
  session.suspended = false;
});

describe("pageAccess", () => {
  it("sends a signed-out person to /signin, back to the page they asked for", async () => {
    expect(await redirectedTo(pageAccess())).toBe("/signin?callbackUrl=%2Fcalls%2Fcall_1%3Ftab%3Dtranscript");
  });

  it("sends a suspended company's people to /suspended before the page reads anything; platform admins pass", async () => {
    session.current = user();
    session.suspended = true;
    expect(await redirectedTo(pageAccess({ permission: "calls:read" }))).toBe("/suspended");
    session.current = user({ isPlatformAdmin: true });
    expect(await pageAccess({ permission: "calls:read" })).toMatchObject({ allowed: true });
  });

  it("applies the page's rule as the navigation does: permission, roles, platform admin only", async () => {
    session.current = user({ role: "viewer" });
    expect((await pageAccess({ permission: "calls:read" })).allowed).toBe(true);
    expect((await pageAccess({ permission: "health:read" })).allowed).toBe(false);
    expect((await pageAccess({ roles: ["owner", "admin"] })).allowed).toBe(false);
    expect((await pageAccess({ platformAdminOnly: true })).allowed).toBe(false);
    expect((await pageAccess()).allowed).toBe(true);
  });
});

describe("every server page and layout under app/(app)", () => {
  const root = path.resolve(import.meta.dirname, "../../app/(app)");
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return e.name === "_components" ? [] : files(full);
      return /^(page|layout)\.tsx$/.test(e.name) ? [full] : [];
    });

  it("goes through pageAccess and never reads the session another way", () => {
    const found = files(root);
    expect(found.length).toBeGreaterThanOrEqual(7);
    for (const file of found) {
      const text = readFileSync(file, "utf8");
      const where = path.relative(root, file);
      expect({ where, usesHelper: /\bpageAccess\(/.test(text) }).toEqual({ where, usesHelper: true });
      expect({ where, readsSession: /getSession|getServerSession|isCompanySuspended/.test(text) }).toEqual({ where, readsSession: false });
    }
  });
});
