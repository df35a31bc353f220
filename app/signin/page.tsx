import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSession } from "@/lib/auth/get-session";
import { safeCallbackPath } from "./_components/safe-callback-path";
import { SignInForm } from "./_components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[] }>;
}) {
  const session = await getSession();
  const { callbackUrl, error } = await searchParams;
  const target = safeCallbackPath(callbackUrl);
  if (session) redirect(target);

  return (
    <main className="flex min-h-full items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <div
            className="mx-auto mb-3 flex h-11 w-11 items-center justify-center rounded-xl bg-brand-600 text-lg font-bold text-white"
            aria-hidden
          >
            S
          </div>
          <h1 className="text-2xl font-semibold tracking-tight">Sign in to Switchboard</h1>
          <p className="mt-1 text-sm text-slate-600">Calls, bookings and customers your AI receptionist handles.</p>
        </div>
        <SignInForm callbackUrl={target} initialError={error ? "Sign-in failed. Check your email and password." : undefined} />
      </div>
    </main>
  );
}
