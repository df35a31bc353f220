import { z } from "zod";
import { normalizePhone } from "./normalize-phone";

/**
 * A phone number as a person types it (`(617) 555-0123`, `617.555.0123`, `+16175550123`), turned into
 * E.164 by normalizePhone (North America when no country code is written); a 400 with the field
 * when it cannot be one.
 */
export const typedPhoneSchema = z
  .string()
  .trim()
  .max(40)
  .transform((raw, ctx) => {
    const e164 = normalizePhone(raw);
    if (e164 === null) {
      ctx.addIssue({ code: "custom", message: "not a phone number (e.g. (617) 555-0123 or +16175550123)" });
      return z.NEVER;
    }
    return e164;
  });
