import { breakerTimeline } from "@/lib/breaker/breaker-timeline";
import type { Vendor } from "@/lib/integrations/http/vendor-error";
import { describeBreakerCause } from "./describe-breaker-cause";

/** The last time a vendor's breaker opened, and why: one Redis trip (its recorded transitions, newest first). */
export async function lastBreakerFailure(vendor: Vendor): Promise<{ at: string; cause: string } | null> {
  const opened = (await breakerTimeline(vendor)).find((t) => t.to === "open");
  return opened ? { at: new Date(opened.at).toISOString(), cause: describeBreakerCause(opened.cause) } : null;
}
