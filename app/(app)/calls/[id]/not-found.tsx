import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";

/** An unknown call id — or another company's, which looks the same on purpose. */
export default function CallNotFound() {
  return (
    <div className="mx-auto max-w-xl py-8" data-testid="call-not-found">
      <h1 className="sr-only">Call not found</h1>
      <EmptyState
        title="We couldn't find that call"
        description="The link may be mistyped, or the call belongs to another company."
        action={
          <Link
            href="/calls"
            className="inline-flex items-center rounded-lg bg-brand-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
          >
            Back to calls
          </Link>
        }
      />
    </div>
  );
}
