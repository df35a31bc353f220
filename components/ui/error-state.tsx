"use client";

import Link from "next/link";
import { describeError, fillCountdown } from "@/components/data/describe-error";
import { useCountdown } from "@/components/hooks/use-countdown";
import { Button } from "./button";
import { cn } from "./cn";

export interface ErrorStateProps {
  /** Whatever was thrown; an ApiClientError gets a message for its status. */
  error: unknown;
  /** What was being loaded, for messages that name it ("Gateway health is unavailable right now"). */
  subject?: string;
  /** Shows "Try again" when the error is worth retrying (enabled once a Retry-After has passed). */
  onRetry?: () => void;
  /** "banner": one line above stale data (503 "showing what we have"); "panel" (default): replaces the content. */
  variant?: "panel" | "banner";
  className?: string;
}

/**
 * An error in people's words, per status: 429 "You're going a bit fast — try again in N s" (counting
 * down), 503 "X is unavailable right now; showing what we have", 401 with a sign-in link … and the
 * request id in small print for support.
 */
export function ErrorState({ error, subject, onRetry, variant = "panel", className }: ErrorStateProps) {
  const d = describeError(error, subject);
  const left = useCountdown(d.retryAfterSec);
  const waiting = left !== null && left > 0;
  const banner = variant === "banner";
  return (
    <div
      role="alert"
      className={cn(
        "rounded-lg border",
        d.retryAfterSec !== null || banner ? "border-amber-200 bg-amber-50 text-amber-900" : "border-red-200 bg-red-50 text-red-900",
        banner ? "flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-sm" : "px-4 py-4",
        className,
      )}
    >
      {banner ? null : <p className="text-sm font-semibold">{d.title}</p>}
      <p className={cn("text-sm", !banner && "mt-1")}>{fillCountdown(d.message, left)}</p>
      <div className={cn("flex flex-wrap items-center gap-3", !banner && "mt-3")}>
        {d.needsSignIn ? (
          <Link
            href="/signin"
            className="text-sm font-medium underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-brand-600"
          >
            Sign in again
          </Link>
        ) : null}
        {onRetry && d.retryable ? (
          <Button size="sm" onClick={onRetry} disabled={waiting}>
            Try again
          </Button>
        ) : null}
        {d.requestId ? (
          <span className="text-xs opacity-70">
            Request id <code className="font-mono select-all">{d.requestId}</code>
          </span>
        ) : null}
      </div>
    </div>
  );
}
