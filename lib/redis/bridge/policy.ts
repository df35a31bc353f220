import type { CommandArgs } from "./request";

/**
 * Every REST request shares one Redis connection, so commands that change the connection's state
 * would leak into other callers' requests (SELECT, WATCH, CLIENT REPLY OFF…) or take the connection
 * over (SUBSCRIBE, MONITOR). They are refused; MULTI/EXEC is offered as `/multi-exec` instead.
 */
const CONNECTION_STATE = new Set([
  "SELECT",
  "AUTH",
  "HELLO",
  "RESET",
  "QUIT",
  "MULTI",
  "EXEC",
  "DISCARD",
  "WATCH",
  "UNWATCH",
  "SUBSCRIBE",
  "PSUBSCRIBE",
  "SSUBSCRIBE",
  "UNSUBSCRIBE",
  "PUNSUBSCRIBE",
  "SUNSUBSCRIBE",
  "MONITOR",
  "SYNC",
  "PSYNC",
  "REPLCONF",
]);

const CONNECTION_STATE_CLIENT = new Set(["REPLY", "TRACKING", "CACHING"]);

/** Why the bridge will not run this command, or undefined when it will. */
export function refusal(args: CommandArgs): string | undefined {
  const name = args[0].toUpperCase();
  const sub = args[1]?.toUpperCase() ?? "";
  if (CONNECTION_STATE.has(name) || (name === "CLIENT" && CONNECTION_STATE_CLIENT.has(sub))) {
    const what = name === "CLIENT" ? `CLIENT ${sub}` : name;
    const hint = name === "MULTI" || name === "EXEC" ? " (send the commands to /multi-exec)" : "";
    return `ERR '${what}' is not supported by the REST bridge${hint}`;
  }
  return undefined;
}

/** Blocking commands would stall the shared connection for everyone; they get a connection of their own. */
const BLOCKING = new Set(["BLPOP", "BRPOP", "BRPOPLPUSH", "BLMOVE", "BLMPOP", "BZPOPMIN", "BZPOPMAX", "BZMPOP", "WAIT", "WAITAOF"]);

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
