import { z } from "zod";
import { idSchema } from "@/lib/ids/id-schema";
import { ApiError } from "@/lib/api/errors";

/** Where a page ended: the last row's (started_at, id), the list's sort key. */
export interface CallCursor {
  startedAt: Date;
  id: string;
}

const cursorSchema = z.object({ t: z.iso.datetime({ offset: true }), id: idSchema() }).strict();

/** Opaque to clients: base64url of `{"t": startedAt, "id": id}`. */
export function encodeCallCursor(c: CallCursor): string {
  return Buffer.from(JSON.stringify({ t: c.startedAt.toISOString(), id: c.id })).toString("base64url");
}

/** The position a cursor names; 400 for anything that is not a cursor this API issued. */
export function decodeCallCursor(cursor: string): CallCursor {
  try {
    const parsed = cursorSchema.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return { startedAt: new Date(parsed.t), id: parsed.id };
  } catch {
    throw new ApiError("validation_failed", "Not a cursor from a previous page.", {
      details: [{ field: "cursor", message: "Not a cursor from a previous page.", code: "invalid_cursor" }],
    });
  }
}
