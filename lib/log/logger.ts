import pino, { type Logger } from "pino";
import { appEnv } from "@/lib/env/app";

/**
 * Paths pino blanks before a line is written. Handlers log objects, not strings, so secrets
 * that slip into a logged object are caught here by name.
 */
const REDACT = [
  "password",
  "*.password",
  "token",
  "*.token",
  "secret",
  "*.secret",
  "key",
  "*.apiKey",
  "*.key",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "headers.cookie",
  "*.headers.authorization",
  "*.headers.cookie",
  "accessToken",
  "refreshToken",
  "*.accessToken",
  "*.refreshToken",
];

let root: Logger | undefined;

/** The process logger: JSON lines on stdout, secrets redacted. Node runtime only. */
export function logger(): Logger {
  if (!root) {
    const env = appEnv();
    root = pino({
      level: env.LOG_LEVEL,
      base: { service: "switchboard" },
      redact: { paths: REDACT, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    });
  }
  return root;
}

/** A child logger that stamps every line with the request id. */
export function requestLogger(requestId: string, bindings: Record<string, unknown> = {}): Logger {
  return logger().child({ requestId, ...bindings });
}

/** What of an error may be logged: its class, code and message, never a driver's SQL. */
export function errorForLog(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { error: String(err) };
  const out: Record<string, unknown> = { errorName: err.name, errorMessage: err.message };
  const code = (err as { code?: unknown }).code;
  if (code !== undefined) out.errorCode = code;
  // drizzle's DrizzleQueryError puts the SQL and its parameters in the message; mysql2 errors carry `.sql`.
  if ((err as { sql?: unknown }).sql !== undefined || err.message.startsWith("Failed query:")) {
    out.errorMessage = `${err.name} (query and parameters omitted)`;
  }
  // Frames only: a stack's first line repeats the message, which for driver errors holds SQL and its parameters.
  if (err.stack)
    out.stack = err.stack
      .split("\n")
      .filter((line) => line.trimStart().startsWith("at "))
      .slice(0, 8)
      .join("\n");
  if (err.cause) out.cause = errorForLog(err.cause);
  return out;
}
