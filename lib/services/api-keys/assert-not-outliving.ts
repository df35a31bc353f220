import { ApiError } from "@/lib/api/errors";
import type { ActingKeyBounds } from "./acting-key-bounds";

/** 403 when a key would create or rotate a key that outlives it. */
export function assertNotOutliving(bounds: ActingKeyBounds | null, expiresAt: Date | null): void {
  if (!bounds?.expiresAt) return;
  if (expiresAt === null || expiresAt.getTime() > bounds.expiresAt.getTime()) {
    throw new ApiError("forbidden", "A key cannot create or rotate a key that outlives it.", {
      details: { field: "expiresAt", latest: bounds.expiresAt.toISOString() },
    });
  }
}
