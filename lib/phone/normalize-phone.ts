import { isE164 } from "./is-e164";

/** Spaces, dots, dashes, slashes and parentheses between digits, and at most a leading `+`. */
const TYPED = /^\+?[\d\s().\-/]+$/;
/** A North American number without its country code: area code and exchange start with 2–9. */
const NANP_NATIONAL = /^[2-9]\d{2}[2-9]\d{6}$/;
const CALLING_CODE = /^[1-9]\d{0,2}$/;

/**
 * A phone number as people type it, in E.164 (`(617) 555-0123`, `617.555.0123`, `1-617-555-0123`,
 * `+1 617 555 0123` → `+16175550123`), or null when it cannot be one (letters, an extension, too few
 * digits). A number written with `+`, or with the international prefix 00 (011 in North America),
 * carries its own country code; any other is national, in the plan of `defaultCallingCode` (default
 * 1, North America: ten digits, or eleven with the trunk 1; elsewhere one leading trunk 0 is dropped,
 * as in the UK, France or Germany). Checks the shape only, not that the number is assigned.
 */
export function normalizePhone(input: string, defaultCallingCode = "1"): string | null {
  const typed = input.trim();
  if (!TYPED.test(typed) || !CALLING_CODE.test(defaultCallingCode)) return null;
  const digits = typed.replace(/\D/g, "");
  let e164: string;
  if (typed.startsWith("+")) e164 = `+${digits}`;
  else if (digits.startsWith("00")) e164 = `+${digits.slice(2)}`;
  else if (defaultCallingCode === "1" && digits.startsWith("011")) e164 = `+${digits.slice(3)}`;
  else if (defaultCallingCode === "1") {
    const national = digits.length === 11 && digits.startsWith("1") ? digits.slice(1) : digits;
    if (!NANP_NATIONAL.test(national)) return null;
    e164 = `+1${national}`;
  } else e164 = `+${defaultCallingCode}${digits.replace(/^0/, "")}`;
  return isE164(e164) ? e164 : null;
}
