import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { QueryProvider } from "@/components/data/query-provider";
import { Toaster } from "@/components/ui/toaster";
import { getSession } from "@/lib/auth/get-session";
import { previewInvite } from "@/lib/services/team/preview-invite";
import { AcceptInviteForm } from "./_components/accept-invite-form";

export const metadata: Metadata = { title: "Join a team", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

const ROLE_NAMES = { owner: "an owner", admin: "an admin", member: "a member", viewer: "a viewer" } as const;

function Shell({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="flex min-h-full items-center justify-center px-4 py-12">
      <div className="w-full max-w-md">
        <div className="mb-6 text-center">
          <div
            className="mx-auto mb-3 flex h-11 w-11 items-center justify-center rounded-xl bg-brand-600 text-lg font-bold text-white"
            aria-hidden
          >
            S
          </div>
          <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        </div>
        {children}
      </div>
      <Toaster />
    </main>
  );
}

const STATUS_TEXT = {
  accepted: "This invite has already been used. If it was you, sign in.",
  revoked: "This invite was withdrawn. Ask the person who invited you for a new one.",
  expired: "This invite has expired. Ask the person who invited you to resend it.",
} as const;

/**
 * /invite/[token] — the link in an invite email, outside the signed-in shell: signed out it shows the
 * company and the role and lets a new person choose a name and password, or an existing account
 * confirm with its password (or sign in first). The token is the credential; the page sends no
 * referrer so it never leaks to another site.
 */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invite, session] = await Promise.all([previewInvite(token), getSession()]);
  if (!invite) {
    return (
      <Shell title="Invite not found">
        <p className="rounded-2xl border border-slate-200 bg-white p-6 text-sm text-slate-700 shadow-sm" data-testid="invite-status">
          This invite link is not valid. Check that you copied all of it, or ask for a new invite.
        </p>
      </Shell>
    );
  }
  if (invite.status !== "pending") {
    return (
      <Shell title={`Join ${invite.companyName}`}>
        <div
          className="space-y-3 rounded-2xl border border-slate-200 bg-white p-6 text-sm text-slate-700 shadow-sm"
          data-testid="invite-status"
        >
          <p>{STATUS_TEXT[invite.status]}</p>
          <Link href="/signin" className="font-medium text-brand-700 underline">
            Go to sign in
          </Link>
        </div>
      </Shell>
    );
  }
  const signedInAs = session?.user.email ?? null;
  return (
    <Shell title={`Join ${invite.companyName}`}>
      <p className="mb-4 text-center text-sm text-slate-600" data-testid="invite-summary">
        You are invited to join <strong className="text-slate-900">{invite.companyName}</strong> on Switchboard as{" "}
        <strong className="text-slate-900">{ROLE_NAMES[invite.role]}</strong>, with{" "}
        <strong className="text-slate-900">{invite.email}</strong>.
      </p>
      <QueryProvider>
        <AcceptInviteForm
          token={token}
          email={invite.email}
          companyName={invite.companyName}
          mode={signedInAs ? (signedInAs === invite.email ? "signed-in" : "other-account") : invite.accountExists ? "existing" : "new"}
          signedInAs={signedInAs}
        />
      </QueryProvider>
    </Shell>
  );
}
