import { z } from "zod";
import { PAID_TIERS } from "@/lib/integrations/stripe/prices";

export const checkoutSchema = z.object({
  tier: z.enum(PAID_TIERS),
  successUrl: z.string().url().optional(),
  cancelUrl: z.string().url().optional(),
});
export type CheckoutInput = z.input<typeof checkoutSchema>;
