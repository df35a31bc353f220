import { z } from "zod";
import { E164_PATTERN } from "./is-e164";

/** A zod string that is an E.164 phone number (`+15551234567`). */
export const e164Schema = z.string().regex(E164_PATTERN, "must be an E.164 number (+15551234567)");
