import { z } from "zod";
import { idSchema } from "@/lib/ids/id-schema";

/** POST /api/v1/auth/token */
export const tokenRequestSchema = z
  .object({
    email: z.string().trim().email().max(254),
    password: z.string().min(1).max(200),
    /** For a person in several companies; absent = their first. */
    companyId: idSchema("company").optional(),
  })
  .strict();
export type TokenRequest = z.infer<typeof tokenRequestSchema>;

/** POST /api/v1/auth/refresh */
export const refreshRequestSchema = z
  .object({
    refreshToken: z.string().min(1).max(200),
  })
  .strict();
export type RefreshRequest = z.infer<typeof refreshRequestSchema>;

/** Answer of both endpoints. */
export const tokenPairSchema = z.object({
  /** JWT for `Authorization: Bearer …`, valid `expiresIn` seconds. */
  accessToken: z.string(),
  /** Opaque, single use: trade it at /api/v1/auth/refresh for a new pair (within 30 days, and never later than 7 days after the sign-in). */
  refreshToken: z.string(),
  tokenType: z.literal("Bearer"),
  expiresIn: z.number().int(),
});
export type TokenPair = z.infer<typeof tokenPairSchema>;
