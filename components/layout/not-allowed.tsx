import Link from "next/link";

/** What a person sees at a page their role may not open (their navigation has no link to it; its API refuses them too). */
export function NotAllowed({
  title,
  description,
}: {
  title: string;
  /** Who the page is for, when not an owner or admin. */ description?: string;
}) {
  return (
    <div className="max-w-xl">
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      <div role="alert" data-testid="not-allowed" className="mt-4 rounded-xl border border-slate-200 bg-white px-5 py-6 shadow-sm">
        <p className="font-medium text-slate-900">You don&apos;t have access to this page.</p>
        <p className="mt-1 text-sm text-slate-600">{description ?? "Ask an owner or admin of your company if you need it."}</p>
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
