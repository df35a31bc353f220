import { z } from "zod";
import { TIERS } from "@/lib/db/schema/companies";
import type { AuthMethod } from "@/lib/gateway/context";

/** Every AuthMethod, as a list; the type below fails to compile if the union grows without it. */
const AUTH_METHODS = ["session", "token", "api_key", "anonymous"] as const satisfies readonly AuthMethod[];
const _allMethods: readonly (typeof AUTH_METHODS)[number][] = [] as AuthMethod[];

/** GET /api/v1/ping: who the gateway says the caller is. */
export const pingSchema = z.object({
  pong: z.literal(true),
  auth: z.enum(AUTH_METHODS),
  companyId: z.string().nullable(),
  tier: z.enum(TIERS).nullable(),
  /** An API key's scopes; null for people (their role decides). */
  scopes: z.array(z.string()).nullable(),
  /** The API version the request was served under (X-API-Version). */
  apiVersion: z.string(),
});
export type Ping = z.infer<typeof pingSchema>;
