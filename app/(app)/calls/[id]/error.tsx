"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { startTransition } from "react";
import { Button } from "@/components/ui/button";

/** The call could not be loaded (database or cache down): say so, offer a retry and a way back. */
export default function CallError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  // The page is a server component: fetch it again, then clear the boundary.
  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
  return (
    <div className="mx-auto max-w-xl py-8">
      <div role="alert" className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-4 text-amber-900">
        <h1 className="text-sm font-semibold">This call is temporarily unavailable</h1>
        <p className="mt-1 text-sm">We couldn&apos;t load it just now. Nothing is lost — try again in a moment.</p>
        <div className="mt-3 flex flex-wrap items-center gap-3">
          <Button size="sm" onClick={retry}>
            Try again
          </Button>
          <Link href="/calls" className="text-sm font-medium underline underline-offset-2">
            Back to calls
          </Link>
        </div>
      </div>
    </div>
  );
}
