"use client";

import { isApiClientError } from "@/components/data/api-error";
import { useCountdown } from "@/components/hooks/use-countdown";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";

export interface LoadErrorProps {
  error: unknown;
  /** What failed to load, as the subject of "… is temporarily unavailable" ("The call list", "The dashboard"). */
  subject: string;
  onRetry: () => void;
  /** Older data is still on screen: a one-line banner above it instead of a panel. */
  hasData: boolean;
}

/**
 * The kit's ErrorState, except for a 503 with nothing on screen: ErrorState's 503 sentence says
 * "showing what we have", which is only true when there is something to show.
 */
export function LoadError({ error, subject, onRetry, hasData }: LoadErrorProps) {
  if (hasData) return <ErrorState error={error} subject={subject} variant="banner" />;
  if (isApiClientError(error) && error.status === 503)
    return <Unavailable subject={subject} retryAfterSec={error.retryAfterSec} requestId={error.requestId} onRetry={onRetry} />;
  return <ErrorState error={error} subject={subject} onRetry={onRetry} />;
}

function Unavailable({
  subject,
  retryAfterSec,
  requestId,
  onRetry,
}: {
  subject: string;
  retryAfterSec: number | null;
  requestId: string | null;
  onRetry: () => void;
}) {
  const left = useCountdown(retryAfterSec);
  const waiting = left !== null && left > 0;
  return (
    <div role="alert" className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-4 text-amber-900">
      <p className="text-sm font-semibold">{subject} is temporarily unavailable</p>
      <p className="mt-1 text-sm">Nothing is lost — {waiting ? `try again in ${left} s.` : "try again in a moment."}</p>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <Button size="sm" onClick={onRetry} disabled={waiting}>
          Try again
        </Button>
        {requestId ? (
          <span className="text-xs opacity-70">
            Request id <code className="font-mono select-all">{requestId}</code>
          </span>
        ) : null}
      </div>
    </div>
  );
}
