import { ApiError } from "./errors";

/** Deeper than any body we accept or a vendor sends (Stripe's events nest about 8 levels). */
export const MAX_JSON_DEPTH = 64;

/** The deepest `[`/`{` nesting in JSON text, counted without recursion (brackets inside strings do not count). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) max = Math.max(max, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

/** A UTF-16 surrogate without its other half: JSON may escape one (`"\\ud800"`), UTF-8 and MySQL cannot hold it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, "g");

/** Strings as UTF-8 can carry them: each lone surrogate becomes U+FFFD (what TextEncoder would write). */
function wellFormed(key: string, value: unknown): unknown {
  if (LONE_SURROGATE.test(key)) throw new ApiError("bad_request", "The body has a key that is not valid Unicode.");
  return typeof value === "string" ? value.replace(LONE_SURROGATES, "\uFFFD") : value;
}

/**
 * JSON.parse with a nesting limit, checked before parsing: a 20,000-deep array is refused with 400
 * instead of overflowing the stack of whatever walks it next (validation, logging, the JSON column).
 * Lone surrogates in strings become U+FFFD, so a MariaDB JSON column (whose check refuses them) and
 * utf8mb4 columns take whatever was accepted here.
 */
export function parseJsonText(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  if (jsonDepth(text) > maxDepth) throw new ApiError("bad_request", `The body nests deeper than ${maxDepth} levels.`);
  try {
    return JSON.parse(text, wellFormed) as unknown;
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError("bad_request", "The body is not valid JSON.");
  }
}
