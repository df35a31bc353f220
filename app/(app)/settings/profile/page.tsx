import type { Metadata } from "next";
import { sectionRule } from "@/components/layout/sections";
import { pageAccess } from "@/lib/auth/page-access";
import { getMe } from "@/lib/services/users/get-me";
import { ConfirmEmailCard } from "./_components/confirm-email-card";
import { PasswordForm } from "./_components/password-form";
import { ProfileForm } from "./_components/profile-form";

export const metadata: Metadata = { title: "Profile" };

/**
 * /settings/profile — the signed-in person's name and email (a new email is confirmed by the link
 * mailed to it, which opens this page with `?confirmEmail=<token>`) and their password.
 */
export default async function ProfilePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { user, allowed } = await pageAccess(sectionRule("/settings"));
  if (!allowed) return null;
  const me = await getMe(user.id, { role: user.role, isPlatformAdmin: user.isPlatformAdmin });
  const token = (await searchParams).confirmEmail;
  return (
    <div className="space-y-6">
      {typeof token === "string" && token ? <ConfirmEmailCard token={token} pendingEmail={me.pendingEmail?.email ?? null} /> : null}
      <ProfileForm me={me} />
      <PasswordForm />
    </div>
  );
}
