import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";

export const metadata: Metadata = { title: "Page not found" };

/**
 * Any page path nothing answers: a plain 404 with a way back. Rendered per request like every page,
 * so Next puts the request's CSP nonce on its scripts (a prerendered 404 would carry none).
 */
export default async function NotFound() {
  await connection();
  return (
    <main className="flex min-h-full items-center justify-center px-4 py-12" data-testid="page-not-found">
      <div className="w-full max-w-md text-center">
        <p className="text-sm font-semibold text-brand-600">404</p>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight">This page does not exist</h1>
        <p className="mt-2 text-sm text-slate-600">The link may be mistyped or out of date.</p>
        <Link
          href="/"
          className="mt-6 inline-flex items-center rounded-lg bg-brand-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
        >
          Go to Switchboard
        </Link>
      </div>
    </main>
  );
}
