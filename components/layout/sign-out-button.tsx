"use client";

/** next-auth's client (~14 KB gzip with its helpers) is fetched on the click, not with every signed-in page. */
async function signOutToSignIn() {
  const { signOut } = await import("next-auth/react");
  await signOut({ callbackUrl: "/signin" });
}

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={() => void signOutToSignIn()}
      className="rounded text-sm text-slate-600 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
    >
      Sign out
    </button>
  );
}
