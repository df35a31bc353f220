import type { RetellConnection } from "./connection";
import { listCalls } from "./list-calls";
import { RETELL_IDEMPOTENCY_KEY, type RetellCall } from "./schemas";

/**
 * The call we created for an idempotency marker, if Retell has it: the newest calls between the
 * two numbers (two pages of 50 at most), matched on the marker in their metadata.
 */
export async function findCallByMarker(
  conn: RetellConnection,
  lookup: { from_number: string; to_number: string; marker: string },
): Promise<RetellCall | null> {
  let paginationKey: string | undefined;
  for (let page = 0; page < 2; page++) {
    const { value } = await listCalls(conn, {
      filter_criteria: { from_number: [lookup.from_number], to_number: [lookup.to_number] },
      sort_order: "descending",
      limit: 50,
      pagination_key: paginationKey,
    });
    const hit = value.items.find((call) => call.metadata?.[RETELL_IDEMPOTENCY_KEY] === lookup.marker);
    if (hit) return hit;
    if (!value.hasMore || !value.paginationKey) return null;
    paginationKey = value.paginationKey;
  }
  return null;
}
