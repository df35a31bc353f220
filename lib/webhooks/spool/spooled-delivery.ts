import type { VerifiedDelivery } from "../receive/record-and-enqueue";

/** A verified delivery kept in the spool: the webhook_events id it was answered with, and when. */
export interface SpooledDelivery extends VerifiedDelivery {
  id: string;
  spooledAt: number;
}
