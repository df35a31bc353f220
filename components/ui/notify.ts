"use client";

import { toast } from "sonner";
import { isApiClientError } from "@/components/data/api-error";
import { describeError } from "@/components/data/describe-error";

/** What went wrong with an action, in people's words: the server's own message for 4xx and 503, else a generic one. */
function actionErrorText(error: unknown, subject?: string): { title: string; description?: string } {
  if (isApiClientError(error) && ((error.status >= 400 && error.status < 500 && error.status !== 429) || error.status === 503)) {
    const wait = error.retryAfterSec ? ` Try again in ${error.retryAfterSec} s.` : "";
    return { title: subject ? `${subject} failed` : "That didn't work", description: `${error.message}${wait}` };
  }
  const d = describeError(error, subject);
  return { title: d.title, description: d.message.replace("{s}", d.retryAfterSec ? `${d.retryAfterSec} s` : "a moment") };
}

/**
 * Toasts through the one <Toaster/>: `notify.success("Booked")`, `notify.error(err, "Booking")`.
 * Errors stay until dismissed; an action (e.g. Undo) can be attached to success toasts.
 */
export const notify = {
  success(message: string, opts: { description?: string; action?: { label: string; onClick: () => void } } = {}) {
    return toast.success(message, { description: opts.description, action: opts.action });
  },
  info(message: string, description?: string) {
    return toast.info(message, { description });
  },
  error(error: unknown, subject?: string) {
    const { title, description } = actionErrorText(error, subject);
    return toast.error(title, { description, duration: Infinity });
  },
};
