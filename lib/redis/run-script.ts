import type { Redis } from "@upstash/redis";
import { getRedis } from "@/lib/redis/client";

type Script = ReturnType<Redis["createScript"]>;
const scripts = new Map<string, Script>();

/**
 * Runs a Lua script in one trip: EVALSHA, and EVAL only when Redis answers NOSCRIPT (after a
 * restart or SCRIPT FLUSH). Goes through the shared auto-pipelining client, so concurrent calls in
 * one instance share HTTP requests.
 */
export async function runScript(source: string, keys: string[], args: Array<string | number>): Promise<unknown> {
  let script = scripts.get(source);
  if (!script) {
    script = getRedis().createScript(source);
    scripts.set(source, script);
  }
  return script.exec(keys, args.map(String));
}
