import type { Session } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { PAGE_PATH_HEADER } from "@/lib/gateway/page-path";
import { isCompanySuspended } from "@/lib/services/companies/is-company-suspended";
import { getSession } from "./get-session";
import { mayOpen, type PageRule } from "./may-open";

/** Once per render however many layouts, pages and generateMetadata ask (React `cache`). */
const sessionOnce = cache(getSession);
const suspendedOnce = cache(isCompanySuspended);

export interface PageAccess {
  user: Session["user"];
  /** False when the person's role may not open this page: render a notice, never its data. */
  allowed: boolean;
}

/**
 * The one access check of every server page and layout under app/(app): signed in (else to /signin,
 * back to this page afterwards), the company not suspended (else to /suspended, before any of its
 * data is read: Next renders a page in parallel with its layout, so the layout cannot guard it), and
 * the page's rule (permission, roles, platform admin) as the navigation applies it. The gateway
 * refuses ended sessions and suspended companies at the edge already; this holds when it could not
 * ask Redis, and decides what a role may open.
 */
export async function pageAccess(rule: PageRule = {}): Promise<PageAccess> {
  const session = await sessionOnce();
  if (!session) {
    const path = (await headers()).get(PAGE_PATH_HEADER) ?? "/dashboard";
    redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  }
  const { user } = session;
  if (user.companyId && !user.isPlatformAdmin && (await suspendedOnce(user.companyId))) redirect("/suspended");
  return { user, allowed: mayOpen(rule, user.role, user.isPlatformAdmin) };
}
