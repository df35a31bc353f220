import { Command, type ChainableCommander, type Pipeline, type Redis } from "ioredis";
import type { RedisReply } from "./encoding";
import { isBlocking } from "./policy";
import type { CommandArgs } from "./request";

/**
 * A command ready to send, or answered by the bridge itself. `refused`: never sent, and inside
 * /multi-exec it discards the transaction, like a command Redis rejects while queueing. `failed`:
 * never sent, answered in place, like an error Redis raises while executing (NOSCRIPT).
 */
export interface PreparedCommand {
  args: CommandArgs;
  refused?: string;
  failed?: string;
  mapReply?: (reply: RedisReply) => RedisReply;
}

/** The bridge's own answer for a command it does not send, if any. */
export function answeredByBridge(c: PreparedCommand): string | undefined {
  return c.refused ?? c.failed;
}

/** What one command produced: Redis' reply or Redis' error text (`ERR …`, `WRONGTYPE …`). */
export type Outcome = { result: RedisReply } | { error: string };

/** Redis did not answer at all (connection lost, retries exhausted): a 503, not a command error. */
export class RedisUnavailable extends Error {
  constructor(cause: unknown) {
    super(`Redis is unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "RedisUnavailable";
  }
}

/**
 * The command as ioredis sends it, replies kept as raw buffers (binary-safe). The name is upper-cased
 * on purpose: ioredis looks up its argument and reply transformers by lower-case name (HGETALL would
 * come back as an object, HSET with an object argument would be flattened), and the bridge must hand
 * Redis' reply over untouched.
 */
function toIoredis(args: CommandArgs): Command {
  const [name, ...rest] = args;
  return new Command(name.toUpperCase(), rest, { replyEncoding: null });
}

/** ioredis types pipeline()/multi() as ChainableCommander, which hides Pipeline#sendCommand. */
function sendAll(batch: ChainableCommander, commands: PreparedCommand[]): ChainableCommander {
  for (const c of commands) (batch as unknown as Pipeline).sendCommand(toIoredis(c.args));
  return batch;
}

/** Only a ReplyError comes from Redis itself; anything else means Redis is out of reach. */
function isRedisError(err: unknown): err is Error {
  return err instanceof Error && err.name === "ReplyError";
}

function toOutcome(prepared: PreparedCommand, err: Error | null, reply: unknown): Outcome {
  if (err) {
    if (!isRedisError(err)) throw new RedisUnavailable(err);
    return { error: err.message };
  }
  const result = reply as RedisReply;
  return { result: prepared.mapReply ? prepared.mapReply(result) : result };
}

export class Executor {
  constructor(private readonly redis: Redis) {}

  async single(prepared: PreparedCommand): Promise<Outcome> {
    const answered = answeredByBridge(prepared);
    if (answered !== undefined) return { error: answered };
    return this.withConnection(isBlocking(prepared.args), async (conn) => {
      const command = toIoredis(prepared.args);
      conn.sendCommand(command);
      try {
        return toOutcome(prepared, null, await command.promise);
      } catch (err) {
        return toOutcome(prepared, err as Error, null);
      }
    });
  }

  /** Commands in order, one round trip, each with its own outcome (Redis' pipelining, not atomic). */
  async pipeline(commands: PreparedCommand[]): Promise<Outcome[]> {
    const toSend = commands.filter((c) => answeredByBridge(c) === undefined);
    const replies =
      toSend.length === 0
        ? []
        : await this.withConnection(
            toSend.some((c) => isBlocking(c.args)),
            async (conn) => {
              return (await sendAll(conn.pipeline(), toSend).exec()) ?? [];
            },
          );
    return this.inPlace(commands, replies, "missing pipeline reply");
  }

  /**
   * MULTI … EXEC. A command Redis rejects while queueing (wrong arity, unknown command) aborts the
   * whole transaction, as in Redis: that is one error for the request, reported by the caller as 400.
   * Errors while executing (INCR on a string) stay per command, as in Redis.
   */
  async multi(commands: PreparedCommand[]): Promise<Outcome[] | { aborted: string }> {
    const refused = commands.find((c) => c.refused);
    if (refused) return { aborted: `EXECABORT Transaction discarded: ${refused.refused}` };
    // Inside MULTI blocking commands never block, so the shared connection is fine.
    const toSend = commands.filter((c) => c.failed === undefined);
    if (toSend.length === 0) return this.inPlace(commands, [], "missing transaction reply");
    const transaction = sendAll(this.redis.multi(), toSend);
    let replies: [Error | null, unknown][] | null;
    try {
      replies = await transaction.exec();
    } catch (err) {
      if (!isRedisError(err)) throw new RedisUnavailable(err);
      const previous = (err as Error & { previousErrors?: Error[] }).previousErrors ?? [];
      const why = previous.map((e) => e.message).join("; ");
      return { aborted: why ? `EXECABORT Transaction discarded because of: ${why}` : err.message };
    }
    if (!replies) return { aborted: "EXECABORT Transaction discarded" };
    return this.inPlace(commands, replies, "missing transaction reply");
  }

  /** Redis' replies for the commands sent, with the bridge's own answers in their places. */
  private inPlace(commands: PreparedCommand[], replies: [Error | null, unknown][], missing: string): Outcome[] {
    let next = 0;
    return commands.map((c) => {
      const answered = answeredByBridge(c);
      if (answered !== undefined) return { error: answered };
      const [err, reply] = replies[next++] ?? [new Error(missing), null];
      return toOutcome(c, err, reply);
    });
  }

  /** Blocking commands run on a short-lived connection of their own so they hold up nobody else. */
  private async withConnection<T>(dedicated: boolean, run: (conn: Redis) => Promise<T>): Promise<T> {
    if (!dedicated) return run(this.redis);
    const conn = this.redis.duplicate({ lazyConnect: true, maxRetriesPerRequest: 0 });
    conn.on("error", () => {}); // reported through the command's own rejection
    try {
      await conn.connect();
    } catch (err) {
      conn.disconnect();
      throw new RedisUnavailable(err);
    }
    try {
      return await run(conn);
    } finally {
      conn.disconnect();
    }
  }
}
