import { isE164 } from "@/lib/phone/is-e164";

export type CsvValue = string | number | boolean | null | undefined;

/** Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"), tab and CR included. */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV field (RFC 4180): empty for null, quoted (with `"` doubled) when it holds a comma, a quote
 * or a line break. Text that starts like a formula (= + - @, tab, CR) gets a leading `'`, so Excel,
 * LibreOffice and Sheets show it as text instead of evaluating it — except a plain phone number
 * (`+15551234567`: a `+` and digits only, which no spreadsheet can run as anything), left intact so
 * the column stays usable.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && FORMULA_START.test(text) && !isE164(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record, CRLF-terminated (RFC 4180). */
export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
