import { disallowedName } from "./allowlist";
import type { CommandArgs } from "./request";

/**
 * Why the bridge will not run this command, or undefined when it will: anything off the allowlist
 * (allowlist.ts), in the words Upstash uses for a command it does not offer.
 */
export function refusal(args: CommandArgs): string | undefined {
  const refused = disallowedName(args[0], args[1]);
  if (refused === undefined) return undefined;
  return notAvailable(refused);
}

export function notAvailable(name: string): string {
  // Every request shares one Redis connection, so MULTI/EXEC cannot be sent one request at a time.
  const hint = name === "MULTI" || name === "EXEC" ? " (send the commands to /multi-exec)" : "";
  return `ERR Command is not available: '${name}'${hint}`;
}

/** Blocking commands would stall the shared connection for everyone; they get a connection of their own. */
const BLOCKING = new Set(["BLPOP", "BRPOP", "BRPOPLPUSH", "BLMOVE", "BLMPOP", "BZPOPMIN", "BZPOPMAX", "BZMPOP"]);

export function isBlocking(args: CommandArgs): boolean {
  const name = args[0].toUpperCase();
  if (BLOCKING.has(name)) return true;
  // XREAD / XREADGROUP block only with a BLOCK option, which comes before STREAMS.
  if (name === "XREAD" || name === "XREADGROUP") {
    for (const arg of args) {
      const upper = arg.toUpperCase();
      if (upper === "STREAMS") return false;
      if (upper === "BLOCK") return true;
    }
  }
  return false;
}
