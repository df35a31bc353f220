import { z } from "zod";
import { ApiError } from "@/lib/api/errors";

/** Where a page of the customer list ended: the last row's (name, id), the list's sort key. */
export interface CustomerCursor {
  name: string;
  id: string;
}

const cursorSchema = z.object({ n: z.string().max(191), id: z.string().min(1).max(40) }).strict();

/** Opaque to clients: base64url of `{"n": name, "id": id}`. */
export function encodeCustomerCursor(c: CustomerCursor): string {
  return Buffer.from(JSON.stringify({ n: c.name, id: c.id })).toString("base64url");
}

/** The position a cursor names; 400 for anything that is not a cursor this API issued. */
export function decodeCustomerCursor(cursor: string): CustomerCursor {
  try {
    const parsed = cursorSchema.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return { name: parsed.n, id: parsed.id };
  } catch {
    throw new ApiError("validation_failed", "Not a cursor from a previous page.", {
      details: [{ field: "cursor", message: "Not a cursor from a previous page.", code: "invalid_cursor" }],
    });
  }
}
