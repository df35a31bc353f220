import { createId, type IdKind } from "@/lib/ids/create-id";
import { Rng } from "./prng";

/** When the demo accounts "were created": ids of fixed demo rows encode it. */
export const DEMO_EPOCH = Date.UTC(2025, 0, 1);

/**
 * The id of a fixed demo row (company, user, key …): the same on every machine and every day, so
 * tests and docs can name it and re-seeding upserts the same row.
 */
export function fixedId(kind: IdKind, label: string): string {
  return createId(kind, { at: DEMO_EPOCH, random: Rng.derive(0, `${kind}:${label}`).next });
}
