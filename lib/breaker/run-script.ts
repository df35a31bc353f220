import type { Redis } from "@upstash/redis";
import { getRedis } from "@/lib/redis/client";

type Script = ReturnType<Redis["createScript"]>;
const scripts = new Map<string, Script>();

/** Runs a Lua script in one trip (EVALSHA, EVAL only after NOSCRIPT) through the shared client. */
export async function runScript(source: string, keys: string[], args: Array<string | number>): Promise<unknown> {
  let script = scripts.get(source);
  if (!script) {
    script = getRedis().createScript(source);
    scripts.set(source, script);
  }
  return script.exec(keys, args.map(String));
}
