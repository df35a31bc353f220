import { ZodError } from "zod";
import { findDriverCode } from "@/lib/db/find-driver-code";
import { isDatabaseUnreachable } from "@/lib/db/is-database-unreachable";
import { ApiError } from "./errors";

/** MySQL driver errors we map to a client-facing code; everything else is hidden behind internal_error. */
const DRIVER_CODES: Record<string, ApiError["code"]> = {
  ER_DUP_ENTRY: "conflict",
  ER_NO_REFERENCED_ROW_2: "unprocessable_entity",
  ER_ROW_IS_REFERENCED_2: "conflict",
  ER_DATA_TOO_LONG: "validation_failed",
  ER_LOCK_DEADLOCK: "service_unavailable",
  ER_LOCK_WAIT_TIMEOUT: "service_unavailable",
};
const KNOWN_DRIVER_CODES = Object.keys(DRIVER_CODES);

/** One detail per issue; a key a strict object does not know is named as the field, one detail per key. */
type FieldDetail = { field: string; message: string; code: string };
function zodDetails(err: ZodError): FieldDetail[] {
  return err.issues.flatMap<FieldDetail>((i) =>
    i.code === "unrecognized_keys"
      ? i.keys.map((key) => ({ field: [...i.path, key].map(String).join("."), message: "Not a field of this request.", code: i.code }))
      : [{ field: i.path.join(".") || "(body)", message: i.message, code: i.code }],
  );
}

/**
 * Turns anything thrown into an ApiError whose text is safe to show: zod issues become field
 * details, known driver errors a typed code (never their message, which may contain SQL), and
 * anything unknown becomes internal_error. The original error is kept as `cause` for the log.
 */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof ZodError) return new ApiError("validation_failed", undefined, { details: zodDetails(err), cause: err });
  const driverCode = findDriverCode(err, KNOWN_DRIVER_CODES);
  if (driverCode) {
    const code = DRIVER_CODES[driverCode];
    if (code) {
      const headers: Record<string, string> | undefined = code === "service_unavailable" ? { "retry-after": "5" } : undefined;
      return new ApiError(code, undefined, { cause: err, headers });
    }
  }
  // MySQL down, restarting or cut off (refused, timed out, connection lost): the client may retry.
  if (isDatabaseUnreachable(err)) return new ApiError("service_unavailable", undefined, { cause: err, headers: { "retry-after": "5" } });
  if (err instanceof SyntaxError) return new ApiError("bad_request", "The body is not valid JSON.", { cause: err });
  return new ApiError("internal_error", undefined, { cause: err });
}
