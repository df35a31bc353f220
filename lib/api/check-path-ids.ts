import { isId } from "@/lib/ids/is-id";
import { ApiError } from "./errors";

/** A dynamic segment that carries an id: `[id]`, `[userId]`, `[duplicateId]` … */
const ID_PARAM = /^(id|[a-z][A-Za-z0-9]*Id)$/;

/**
 * Every id in the path checked against the id format before any query: an id we could never have
 * handed out (an emoji, 200 characters, SQL) names nothing, so it is a 404 like an id of another
 * company, and never reaches MySQL (whose ascii_bin id columns refuse to compare it with utf8mb4).
 */
export function checkPathIds(params: unknown): void {
  if (!params || typeof params !== "object") return;
  for (const [name, value] of Object.entries(params)) {
    if (ID_PARAM.test(name) && !isId(value)) throw new ApiError("not_found", "There is nothing with this id.");
  }
}
