import Link from "next/link";

/** What a person without `health:read` sees at /health (their navigation has no link to it). */
export function NotAllowed() {
  return (
    <div className="max-w-xl">
      <h1 className="text-2xl font-semibold tracking-tight">Gateway health</h1>
      <div role="alert" data-testid="not-allowed" className="mt-4 rounded-xl border border-slate-200 bg-white px-5 py-6 shadow-sm">
        <p className="font-medium text-slate-900">You don&apos;t have access to gateway health.</p>
        <p className="mt-1 text-sm text-slate-600">
          It shows your company&apos;s API traffic and limits, and is open to owners and admins. Ask one of them if you need it.
        </p>
        <Link
          href="/dashboard"
          className="mt-4 inline-block rounded-lg bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
        >
          Back to the dashboard
        </Link>
      </div>
    </div>
  );
}
