import { findDriverCode } from "@/lib/db/find-driver-code";
import { VendorError } from "@/lib/integrations/http/vendor-error";

/**
 * What of a processing error may be stored in webhook_events.last_error (shown to operators): the
 * error's class, driver code and message — never a query or its parameters (drizzle puts both in
 * its messages), capped at 500 characters.
 */
export function safeErrorText(err: unknown): string {
  if (err instanceof VendorError) return err.diagnostic.slice(0, 500);
  if (!(err instanceof Error)) return String(err).slice(0, 500);
  const code = findDriverCode(err);
  const sqlish = (err as { sql?: unknown }).sql !== undefined || err.message.startsWith("Failed query:") || hasSql(err.cause);
  const message = sqlish ? "database error (query omitted)" : err.message;
  return `${err.name}${code ? ` ${code}` : ""}: ${message}`.slice(0, 500);
}

function hasSql(err: unknown): boolean {
  return !!err && typeof err === "object" && (err as { sql?: unknown }).sql !== undefined;
}
