import { isApiClientError } from "./api-error";

export interface ErrorDescription {
  title: string;
  /** What happened and what to do, in plain words. */
  message: string;
  /** Seconds until trying again makes sense (429, 503 with Retry-After). */
  retryAfterSec: number | null;
  requestId: string | null;
  /** 401: the session ended; offer to sign in again. */
  needsSignIn: boolean;
  /** Worth offering a "Try again" button. */
  retryable: boolean;
}

/**
 * A human sentence for any error `apiFetch` (or anything else) threw. `subject` names what was being
 * loaded ("Gateway health", "Calls") for the messages that mention it.
 */
export function describeError(error: unknown, subject = "This service"): ErrorDescription {
  const base = { retryAfterSec: null, requestId: null, needsSignIn: false, retryable: true };
  if (!isApiClientError(error)) {
    return { ...base, title: "Something went wrong", message: "An unexpected error happened in the page. Reload to try again." };
  }
  const withIds = { ...base, requestId: error.requestId, retryAfterSec: error.retryAfterSec };
  switch (true) {
    case error.status === 0:
      return { ...withIds, title: "You're offline", message: "Couldn't reach Switchboard. Check your connection; we'll keep trying." };
    case error.status === 401:
      return {
        ...withIds,
        title: "Signed out",
        message: "Your session has ended. Sign in again to continue.",
        needsSignIn: true,
        retryable: false,
      };
    case error.status === 403:
      return { ...withIds, title: "Not allowed", message: error.message || "You don't have permission to see this.", retryable: false };
    case error.status === 404:
      return { ...withIds, title: "Not found", message: "We couldn't find that. It may have been removed.", retryable: false };
    case error.status === 429:
      return { ...withIds, title: "Slow down", message: "You're going a bit fast — try again in {s}." };
    case error.status === 503:
      return { ...withIds, title: `${subject} is unavailable`, message: `${subject} is unavailable right now; showing what we have.` };
    case error.status === 502 || error.status === 504:
      return {
        ...withIds,
        title: `${subject} didn't answer`,
        message: `A service behind ${subject.toLowerCase()} didn't answer in time. Try again in a moment.`,
      };
    case error.status >= 500:
      return {
        ...withIds,
        title: "Something went wrong on our side",
        message: "It's not you. Try again; if it keeps happening, quote the request id to support.",
      };
    default:
      // 400/409/422…: the server's message is written for people.
      return { ...withIds, title: "That didn't work", message: error.message, retryable: false };
  }
}

/** "{s}" in a message → "12 s" (or "a moment" once the wait is over). */
export function fillCountdown(message: string, secondsLeft: number | null): string {
  return message.replace("{s}", secondsLeft && secondsLeft > 0 ? `${secondsLeft} s` : "a moment");
}
