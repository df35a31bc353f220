import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import type { RedisReply } from "./encoding";
import type { CommandArgs } from "./request";

/**
 * The Lua shebang trap. @upstash/ratelimit 2.x scripts begin with `#!lua flags=allow-key-locking`,
 * a flag only Upstash knows; stock Redis 7 rejects the whole script ("Unexpected flag in script
 * shebang"). The bridge replaces that first line with an empty one (so error line numbers stay
 * right) and runs the rest.
 *
 * Clients address scripts by the SHA-1 of the text they hold: ratelimit calls EVALSHA with a
 * hard-coded hash of the ORIGINAL script and falls back to EVAL only on NOSCRIPT. Redis only knows
 * the stripped script, so the bridge remembers original SHA → stripped SHA and rewrites EVALSHA,
 * EVALSHA_RO and SCRIPT EXISTS. The mapping lives in memory and in a Redis hash, so a restarted
 * bridge, or a second one on the same Redis, skips the NOSCRIPT → EVAL detour.
 *
 * When a SHA is unknown everywhere the command passes through untouched: Redis answers NOSCRIPT,
 * the client falls back to EVAL of the full script, and this bridge learns the mapping on the way.
 * That same fallback makes the negative cache below safe: a stale "unknown" costs one detour.
 */

export const SCRIPT_SHAS_KEY = "upstash-bridge:lua-shas";

/** Bounds memory if someone sends many made-up SHAs; forgetting a miss only costs one HMGET. */
const MAX_UNKNOWN = 10_000;

export function sha1(text: string): string {
  // UTF-8, as the clients hash it (TextEncoder + SubtleCrypto) and as Redis hashes the bytes.
  return createHash("sha1").update(text, "utf8").digest("hex");
}

/** The script without its `#!lua …` first line (kept as an empty line), or undefined if it has none. */
export function stripShebang(script: string): string | undefined {
  if (!script.startsWith("#!lua")) return undefined;
  const newline = script.indexOf("\n");
  return newline === -1 ? "" : script.slice(newline);
}

export interface ScriptRewrite {
  args: CommandArgs;
  /** Applied to a successful reply: SCRIPT LOAD must answer the SHA the client computed. */
  mapReply?: (reply: RedisReply) => RedisReply;
}

export class ScriptShas {
  private readonly known = new Map<string, string>();
  private readonly unknown = new Set<string>();

  constructor(
    private readonly redis: Redis,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** Rewrites a batch of commands; at most one Redis round trip, and only for SHAs never seen. */
  async rewrite(commands: CommandArgs[]): Promise<ScriptRewrite[]> {
    await this.lookUp(commands.flatMap(shasReferenced));
    return commands.map((args) => this.rewriteOne(args));
  }

  private rewriteOne(args: CommandArgs): ScriptRewrite {
    const name = args[0].toUpperCase();
    const sub = args[1]?.toUpperCase();

    if ((name === "EVAL" || name === "EVAL_RO") && args[1] !== undefined) {
      const stripped = this.learn(args[1]);
      return stripped === undefined ? { args } : { args: replaceAt(args, 1, stripped.script) };
    }
    if (name === "SCRIPT" && sub === "LOAD" && args[2] !== undefined) {
      const stripped = this.learn(args[2]);
      if (stripped === undefined) return { args };
      const originalSha = Buffer.from(stripped.originalSha);
      return {
        args: replaceAt(args, 2, stripped.script),
        mapReply: (reply) => (Buffer.isBuffer(reply) ? originalSha : reply),
      };
    }
    if ((name === "EVALSHA" || name === "EVALSHA_RO") && args[1] !== undefined) {
      return { args: replaceAt(args, 1, this.mapped(args[1])) };
    }
    if (name === "SCRIPT" && sub === "EXISTS") {
      return { args: [args[0], args[1] as string, ...args.slice(2).map((sha) => this.mapped(sha))] };
    }
    return { args };
  }

  private mapped(sha: string): string {
    return this.known.get(sha.toLowerCase()) ?? sha;
  }

  private learn(script: string): { script: string; originalSha: string } | undefined {
    const stripped = stripShebang(script);
    if (stripped === undefined) return undefined;
    const originalSha = sha1(script);
    const strippedSha = sha1(stripped);
    this.known.set(originalSha, strippedSha);
    this.unknown.delete(originalSha);
    // Stored on every EVAL, not only the first: clients EVAL after a NOSCRIPT, which means Redis
    // forgot its scripts (restart, SCRIPT FLUSH) and may well have lost this hash with them.
    // Not awaited: it goes out on the same connection ahead of the EVAL, and losing it only costs
    // another bridge one NOSCRIPT → EVAL detour.
    this.redis.hset(SCRIPT_SHAS_KEY, originalSha, strippedSha).catch(this.onError);
    return { script: stripped, originalSha };
  }

  private async lookUp(shas: string[]): Promise<void> {
    const missing = [...new Set(shas.map((s) => s.toLowerCase()))].filter((sha) => !this.known.has(sha) && !this.unknown.has(sha));
    if (missing.length === 0) return;
    const found = await this.redis.hmget(SCRIPT_SHAS_KEY, ...missing);
    if (this.unknown.size + missing.length > MAX_UNKNOWN) this.unknown.clear();
    missing.forEach((sha, i) => {
      const strippedSha = found[i];
      if (strippedSha) this.known.set(sha, strippedSha);
      else this.unknown.add(sha);
    });
  }
}

function shasReferenced(args: CommandArgs): string[] {
  const name = args[0].toUpperCase();
  if ((name === "EVALSHA" || name === "EVALSHA_RO") && args[1] !== undefined) return [args[1]];
  if (name === "SCRIPT" && args[1]?.toUpperCase() === "EXISTS") return args.slice(2);
  return [];
}

function replaceAt(args: CommandArgs, index: number, value: string): CommandArgs {
  const copy = [...args] as CommandArgs;
  copy[index] = value;
  return copy;
}
