/**
 * Reads commands out of REST requests: JSON bodies (`POST /`, `/pipeline`, `/multi-exec`) and the
 * path form Upstash also accepts (`/set/key/value?EX=60`, handy for curl).
 */

/** A client mistake: answered with this status and `{ error: message }`, never sent to Redis. */
export class BadRequest extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = "BadRequest";
  }
}

/** One command as Redis receives it: name first, every argument a string. */
export type CommandArgs = [string, ...string[]];

export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    throw new BadRequest("ERR request body is not valid JSON");
  }
}

/** `["SET", "k", "v"]`; numbers and booleans become strings, as Upstash does. */
export function toCommand(value: unknown): CommandArgs {
  if (!Array.isArray(value) || value.length === 0) {
    throw new BadRequest('ERR a command is a non-empty JSON array, e.g. ["GET","key"]');
  }
  const args = value.map((arg, i) => {
    if (typeof arg === "string") return arg;
    if (typeof arg === "number" || typeof arg === "boolean") return String(arg);
    throw new BadRequest(`ERR argument ${i} must be a string, number or boolean`);
  });
  if (args[0] === "") throw new BadRequest("ERR empty command name");
  return args as CommandArgs;
}

/** `[["SET","k","v"],["GET","k"]]` for `/pipeline` and `/multi-exec`. */
export function toCommandList(value: unknown): CommandArgs[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new BadRequest("ERR a pipeline is a non-empty JSON array of commands");
  }
  return value.map(toCommand);
}

/**
 * `/set/key/value?EX=60` → SET key value EX 60. Each path segment is one argument (percent-decoded);
 * query parameters append `name value` (or just `name` when empty); a POST body, if any, is the last
 * argument. (A `_token` parameter never gets here: the server refuses the request first.)
 */
export function commandFromPath(url: URL, body: Buffer): CommandArgs {
  const segments = url.pathname.split("/").slice(1);
  if (segments.length > 1 && segments.at(-1) === "") segments.pop();
  let args: string[];
  try {
    args = segments.map((s) => decodeURIComponent(s));
  } catch {
    throw new BadRequest("ERR malformed percent-encoding in the path");
  }
  for (const [name, value] of url.searchParams) {
    args.push(name);
    if (value !== "") args.push(value);
  }
  if (body.length > 0) args.push(body.toString("utf8"));
  return toCommand(args);
}
