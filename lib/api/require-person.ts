import type { GatewayContext } from "@/lib/gateway/context";
import { ApiError } from "./errors";

/** The person behind a request: a profile, a password and an email belong to people; an API key has none (403). */
export function requirePerson(caller: GatewayContext): string {
  if (caller.auth === "api_key" || !caller.uid) throw new ApiError("forbidden", "Only a signed-in person has a profile; API keys do not.");
  return caller.uid;
}
