/**
 * The static check a Lua script must pass when Redis itself cannot confine the bridge's scripts
 * (no ACL user, see confinement.ts). Redis runs any command a script names, so the bridge only lets
 * through scripts whose every command it can read from the source:
 *
 * - every use of the `redis` table (and `server`, its alias in newer Redis) is `redis.<field>` for a
 *   known harmless field, and `redis.call` / `redis.pcall` are called right there with a plain string
 *   literal naming an allowed command as their first argument: `redis.call("GET", KEYS[1])`. Passing
 *   the function around (`local c = redis.call`, `pcall(redis.call, …)`) or building the name
 *   (`redis.call(ARGV[1])`, `"FLUSH" .. "ALL"`, escapes) is refused, since the name could be anything;
 * - nothing that reaches the global table or compiles code at run time (`_G`, `getfenv`, `loadstring`,
 *   `load`, `rawget`, `setmetatable`, …), so the rule above cannot be walked around;
 * - none of the libraries through which Redis' Lua CVEs were reached (`collectgarbage`/`gcinfo`,
 *   `bit.tohex`, `struct`, `cmsgpack`, `unpack` with a range), nor others the app's scripts do not use
 *   (`coroutine`, `os`, `print`). `unpack` is let through in the one form @upstash/ratelimit uses,
 *   `unpack(ARGV)` or `unpack(KEYS)` (no range), and `cjson` stays (the app's records use it).
 *
 * It is deliberately conservative: a script it refuses may well be harmless, but one it accepts can
 * only run the listed commands. Scripts over 64 KB are refused unread (the app's largest is 5 KB). The lexer follows Lua 5.1's (Redis' Lua) token rules, including its
 * comment and long-bracket forms and `\r` as a line end, and refuses what it cannot read (an
 * unfinished string or comment) rather than guess.
 */

export interface ScriptProblem {
  /** 1-based, counted the way Lua counts them in error messages. */
  line: number;
  /** A complete Redis-style error (`ERR …`). */
  message: string;
}

type Token =
  | { kind: "name"; value: string; line: number }
  | { kind: "string"; value: string; plain: boolean; line: number }
  | { kind: "number" | "symbol"; value: string; line: number };

/** Globals that hand out the global table, other functions' environments, or compile code. */
const FORBIDDEN_GLOBALS = new Set([
  "_G",
  "_ENV",
  "getfenv",
  "setfenv",
  "load",
  "loadstring",
  "loadfile",
  "dofile",
  "require",
  "module",
  "package",
  "debug",
  "rawget",
  "rawset",
  "getmetatable",
  "setmetatable",
  "newproxy",
  "__redis__err__handler",
  // Entry points of Redis Lua CVEs (use-after-free through the collector, bit.tohex, struct and
  // cmsgpack overflows) and libraries no app script needs; Redis itself is pinned to a patched release too.
  "collectgarbage",
  "gcinfo",
  "bit",
  "struct",
  "cmsgpack",
  "coroutine",
  "os",
  "print",
]);

/** `unpack` only as `unpack(ARGV)` / `unpack(KEYS)`: an explicit range (`unpack({}, 0, 2147483647)`) is a CVE's entry point. */
const UNPACKABLE = new Set(["ARGV", "KEYS"]);

/** The `redis` table's fields a script may use; `call` and `pcall` are checked further. */
const REDIS_FIELDS = new Set([
  "call",
  "pcall",
  "sha1hex",
  "error_reply",
  "status_reply",
  "setresp",
  "set_repl",
  "replicate_commands",
  "acl_check_cmd",
  "REPL_ALL",
  "REPL_AOF",
  "REPL_REPLICA",
  "REPL_SLAVE",
  "REPL_NONE",
  "REDIS_VERSION",
  "REDIS_VERSION_NUM",
]);

const REDIS_TABLES = new Set(["redis", "server"]);
const COMMAND_NAME = /^[A-Za-z][A-Za-z0-9_.]*$/;
export const UNCHECKABLE = "ERR the REST bridge runs only scripts whose commands it can read:";
/** Reading costs about a microsecond a token: a bound keeps one request from holding the bridge for long. */
export const MAX_CHECKED_SCRIPT = 64 * 1024;

class Unreadable extends Error {
  constructor(
    readonly line: number,
    what: string,
  ) {
    super(what);
  }
}

/** The first problem in the script, or undefined when it may run. `allowed` holds upper-case names. */
export function checkScript(source: string, allowed: ReadonlySet<string>): ScriptProblem | undefined {
  if (source.length > MAX_CHECKED_SCRIPT) {
    return { line: 1, message: `${UNCHECKABLE} it reads scripts of up to ${MAX_CHECKED_SCRIPT / 1024} KB` };
  }
  let tokens: Token[];
  try {
    tokens = tokenize(source);
  } catch (err) {
    if (!(err instanceof Unreadable)) throw err;
    return { line: err.line, message: `${UNCHECKABLE} ${err.message} (script line ${err.line})` };
  }
  const uncheckable = (line: number, what: string): ScriptProblem => ({
    line,
    message: `${UNCHECKABLE} ${what} (script line ${line})`,
  });

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind !== "name") continue;
    const prev = tokens[i - 1];
    // `x.load` or `obj:debug` is a field of some table, not the global of that name.
    if (prev?.kind === "symbol" && (prev.value === "." || prev.value === ":")) continue;
    if (FORBIDDEN_GLOBALS.has(t.value)) return uncheckable(t.line, `'${t.value}' is not available`);
    if (t.value === "unpack") {
      const [open, arg, close] = [tokens[i + 1], tokens[i + 2], tokens[i + 3]];
      const whole =
        open?.kind === "symbol" &&
        open.value === "(" &&
        arg?.kind === "name" &&
        UNPACKABLE.has(arg.value) &&
        close?.kind === "symbol" &&
        close.value === ")";
      if (!whole) return uncheckable(t.line, "'unpack' may only be used as unpack(ARGV) or unpack(KEYS)");
      continue;
    }
    if (!REDIS_TABLES.has(t.value)) continue;

    const dot = tokens[i + 1];
    const field = tokens[i + 2];
    if (dot?.kind !== "symbol" || dot.value !== "." || field?.kind !== "name" || !REDIS_FIELDS.has(field.value)) {
      const shown = dot?.kind === "symbol" && dot.value === "." && field?.kind === "name" ? `${t.value}.${field.value}` : t.value;
      return uncheckable(t.line, `'${shown}' may only be used as ${t.value}.call("COMMAND", …) and the like`);
    }
    if (field.value !== "call" && field.value !== "pcall") continue;

    const open = tokens[i + 3];
    const name = tokens[i + 4];
    const after = tokens[i + 5];
    const literal =
      open?.kind === "symbol" &&
      open.value === "(" &&
      name?.kind === "string" &&
      name.plain &&
      after?.kind === "symbol" &&
      (after.value === "," || after.value === ")");
    if (!literal) {
      return uncheckable(
        t.line,
        `${t.value}.${field.value} needs the command name as a plain string literal, as in ${t.value}.${field.value}("GET", KEYS[1])`,
      );
    }
    const command = name.value.toUpperCase();
    if (!allowed.has(command)) {
      return { line: name.line, message: `ERR Command is not available: '${command}' (script line ${name.line})` };
    }
  }
  return undefined;
}

const TWO_CHAR_SYMBOLS = new Set(["..", "==", "~=", "<=", ">="]);
const LINE_END = /\r\n|\n\r|\r|\n/g;
const NEXT_LINE_END = /[\r\n]/g;
/** A quoted string's body up to its closing quote; a backslash escapes any one character or line end. */
const QUOTED = { "'": /(?:[^\\'\r\n]|\\(?:\r\n|\n\r|[\s\S]))*'/y, '"': /(?:[^\\"\r\n]|\\(?:\r\n|\n\r|[\s\S]))*"/y };

function lineEnds(text: string): number {
  return text.match(LINE_END)?.length ?? 0;
}

const isDigit = (code: number) => code >= 48 && code <= 57;
const isAlpha = (code: number) => (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95; // _ included
const isSpace = (code: number) => code === 32 || code === 9 || code === 11 || code === 12;

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  const code = (k: number) => src.charCodeAt(k); // NaN past the end: no test below accepts it

  /** `[`, `=`*, `[` at i: the level (count of `=`), or -1 when it does not open a long bracket. */
  const longBracketLevel = (): number => {
    let k = i + 1;
    while (src[k] === "=") k++;
    return src[k] === "[" ? k - i - 1 : -1;
  };

  /** Skips the long bracket opened at i (Lua ends it at the first matching close); returns its content. */
  const readLongBracket = (level: number, what: string): string => {
    const close = `]${"=".repeat(level)}]`;
    const start = i + level + 2;
    const end = src.indexOf(close, start);
    if (end === -1) throw new Unreadable(line, `unfinished long ${what}`);
    const content = src.slice(start, end);
    line += lineEnds(content);
    i = end + close.length;
    return content;
  };

  while (i < src.length) {
    const c = src[i] as string;
    if (c === "\n" || c === "\r") {
      // Lua counts \n, \r, \r\n and \n\r as one line end.
      const next = src[i + 1];
      i += (next === "\n" || next === "\r") && next !== c ? 2 : 1;
      line++;
      continue;
    }
    if (isSpace(code(i))) {
      i++;
      continue;
    }
    if (c === "-" && src[i + 1] === "-") {
      i += 2;
      const level = src[i] === "[" ? longBracketLevel() : -1;
      if (level >= 0) {
        readLongBracket(level, "comment");
        continue;
      }
      // A short comment runs to the end of the line, and \r ends a line as much as \n does.
      NEXT_LINE_END.lastIndex = i;
      i = NEXT_LINE_END.exec(src)?.index ?? src.length;
      continue;
    }
    if (c === "[") {
      const level = longBracketLevel();
      if (level >= 0) {
        const startLine = line;
        tokens.push({ kind: "string", value: readLongBracket(level, "string"), plain: false, line: startLine });
        continue;
      }
    }
    if (c === '"' || c === "'") {
      i++;
      const pattern = QUOTED[c];
      pattern.lastIndex = i;
      const body = pattern.exec(src)?.[0];
      if (body === undefined) throw new Unreadable(line, "unfinished string");
      const raw = body.slice(0, -1);
      // Only escape-free literals count as plain: their text is exactly what Lua passes on.
      tokens.push({ kind: "string", value: raw, plain: !raw.includes("\\") && COMMAND_NAME.test(raw), line });
      line += lineEnds(raw);
      i += body.length;
      continue;
    }
    if (isDigit(code(i)) || (c === "." && isDigit(code(i + 1)))) {
      // Lua 5.1's read_numeral: digits and dots, an optional exponent sign, then any alphanumerics.
      const start = i;
      while (isDigit(code(i)) || code(i) === 46) i++;
      if (src[i] === "e" || src[i] === "E") {
        i++;
        if (src[i] === "+" || src[i] === "-") i++;
      }
      while (isAlpha(code(i)) || isDigit(code(i))) i++;
      tokens.push({ kind: "number", value: src.slice(start, i), line });
      continue;
    }
    if (isAlpha(code(i))) {
      const start = i;
      while (isAlpha(code(i)) || isDigit(code(i))) i++;
      tokens.push({ kind: "name", value: src.slice(start, i), line });
      continue;
    }
    const two = src.slice(i, i + 2);
    const symbol = two === ".." && src[i + 2] === "." ? "..." : TWO_CHAR_SYMBOLS.has(two) ? two : c;
    tokens.push({ kind: "symbol", value: symbol, line });
    i += symbol.length;
  }
  return tokens;
}
