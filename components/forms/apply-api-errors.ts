import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { isApiClientError } from "@/components/data/api-error";

/**
 * Puts the API's field errors (`error.details: [{field, message}]`, 400/409/422) on the form's fields.
 * Only fields the form has (`fields`) are set; returns true when at least one was, so the caller can
 * fall back to a toast for everything else. "(body)" and unknown fields go to `root.server`.
 */
export function applyApiErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: ReadonlyArray<Path<T>>,
): boolean {
  if (!isApiClientError(error) || !Array.isArray(error.details)) return false;
  let applied = false;
  for (const d of error.details) {
    const field = typeof d.field === "string" ? d.field : null;
    const message = typeof d.message === "string" ? d.message : error.message;
    const known = field !== null && (fields as ReadonlyArray<string>).includes(field);
    if (known) {
      setError(field as Path<T>, { type: "server", message }, { shouldFocus: !applied });
      applied = true;
    }
  }
  if (!applied && error.details.length > 0) setError("root.server" as Path<T>, { type: "server", message: error.message });
  return applied;
}
