import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import { SCRIPT_COMMANDS } from "./allowlist";
import type { RedisReply } from "./encoding";
import { checkScript } from "./lua-check";
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
 *
 * What a script may call depends on who confines it (confinement.ts):
 * - "redis-acl": the bridge's Redis user may run only the allowlisted commands, and Redis applies
 *   that inside scripts too. Scripts pass as they are; any SHA may be called.
 * - "static-check": the bridge's Redis user may run anything, so every script that reaches Redis
 *   through the bridge (EVAL, EVAL_RO, SCRIPT LOAD) must pass lua-check.ts first, and EVALSHA only
 *   runs scripts this process has checked: Redis' script cache is server-wide and also holds other
 *   clients' scripts (BullMQ's, loaded over TCP), which nobody checked. An unchecked SHA gets
 *   NOSCRIPT, the client sends the script with EVAL, and it is checked then. The SHA mapping in
 *   Redis is not consulted in this mode: any client may write that hash.
 */

export const SCRIPT_SHAS_KEY = "upstash-bridge:lua-shas";

/** Bounds memory if someone sends many made-up SHAs; forgetting a miss only costs one HMGET. */
const MAX_UNKNOWN = 10_000;
/** Bounds the checked-scripts memory; forgetting one costs its next caller one NOSCRIPT → EVAL detour. */
const MAX_CHECKED = 10_000;

/** Who keeps scripts to the allowlist: Redis' ACL for the bridge's user, or the bridge's own check. */
export type ScriptGuard = "redis-acl" | "static-check";

/** Redis' own answer for an unknown SHA, which clients recognise and answer with EVAL. */
export const NOSCRIPT = "NOSCRIPT No matching script. Please use EVAL.";

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
  /** Not sent: the script failed the static check (aborts a transaction, like a queueing error). */
  refused?: string;
  /** Not sent, answered in place with this error, as Redis would answer it when executing. */
  failed?: string;
}

export class ScriptShas {
  private readonly known = new Map<string, string>();
  private readonly unknown = new Set<string>();
  /** static-check: the SHAs (as clients compute them) of scripts that passed the check. */
  private readonly checked = new Set<string>();

  constructor(
    private readonly redis: Redis,
    private readonly onError: (err: unknown) => void,
    readonly guard: ScriptGuard,
  ) {}

  /** Rewrites a batch of commands; at most one Redis round trip, and only for SHAs never seen. */
  async rewrite(commands: CommandArgs[]): Promise<ScriptRewrite[]> {
    if (this.guard === "redis-acl") await this.lookUp(commands.flatMap(shasReferenced));
    return commands.map((args) => this.rewriteOne(args));
  }

  private rewriteOne(args: CommandArgs): ScriptRewrite {
    const name = args[0].toUpperCase();
    const sub = args[1]?.toUpperCase();

    if ((name === "EVAL" || name === "EVAL_RO") && args[1] !== undefined) {
      const prepared = this.prepareScript(args[1]);
      if ("refused" in prepared) return { args, refused: prepared.refused };
      return prepared.stripped === undefined ? { args } : { args: replaceAt(args, 1, prepared.stripped) };
    }
    if (name === "SCRIPT" && sub === "LOAD" && args[2] !== undefined) {
      const prepared = this.prepareScript(args[2]);
      if ("refused" in prepared) return { args, refused: prepared.refused };
      if (prepared.stripped === undefined) return { args };
      const originalSha = Buffer.from(prepared.originalSha);
      return {
        args: replaceAt(args, 2, prepared.stripped),
        mapReply: (reply) => (Buffer.isBuffer(reply) ? originalSha : reply),
      };
    }
    if ((name === "EVALSHA" || name === "EVALSHA_RO") && args[1] !== undefined) {
      if (!this.mayRun(args[1])) return { args, failed: NOSCRIPT };
      return { args: replaceAt(args, 1, this.mapped(args[1])) };
    }
    if (name === "SCRIPT" && sub === "EXISTS") {
      const shas = args.slice(2);
      const rewritten: ScriptRewrite = { args: [args[0], args[1] as string, ...shas.map((sha) => this.mapped(sha))] };
      if (shas.every((sha) => this.mayRun(sha))) return rewritten;
      // Redis may hold an unchecked script under that SHA, but through this bridge it does not exist.
      const runnable = shas.map((sha) => this.mayRun(sha));
      rewritten.mapReply = (reply) => (Array.isArray(reply) ? reply.map((r, i) => (runnable[i] ? r : 0)) : reply);
      return rewritten;
    }
    return { args };
  }

  /**
   * Checks (static-check) and learns a script on its way to Redis: the text to send instead when it
   * has a shebang, and the SHA the client computed for it.
   */
  private prepareScript(script: string): { stripped?: string; originalSha: string } | { refused: string } {
    const stripped = stripShebang(script);
    const originalSha = sha1(script);
    if (this.guard === "static-check" && !this.checked.has(originalSha)) {
      const problem = checkScript(stripped ?? script, SCRIPT_COMMANDS);
      if (problem) return { refused: problem.message };
      if (this.checked.size >= MAX_CHECKED) this.checked.delete(this.checked.values().next().value as string);
      this.checked.add(originalSha);
    }
    if (stripped !== undefined) this.learn(originalSha, stripped);
    return { stripped, originalSha };
  }

  private mayRun(sha: string): boolean {
    return this.guard === "redis-acl" || this.checked.has(sha.toLowerCase());
  }

  private mapped(sha: string): string {
    return this.known.get(sha.toLowerCase()) ?? sha;
  }

  private learn(originalSha: string, stripped: string): void {
    const strippedSha = sha1(stripped);
    this.known.set(originalSha, strippedSha);
    this.unknown.delete(originalSha);
    // Stored on every EVAL, not only the first: clients EVAL after a NOSCRIPT, which means Redis
    // forgot its scripts (restart, SCRIPT FLUSH) and may well have lost this hash with them.
    // Not awaited: it goes out on the same connection ahead of the EVAL, and losing it only costs
    // another bridge one NOSCRIPT → EVAL detour.
    this.redis.hset(SCRIPT_SHAS_KEY, originalSha, strippedSha).catch(this.onError);
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
