import type { BadgeTone } from "@/components/ui/badge";
import type { ApiKeyListItem } from "@/lib/services/api-keys/schemas";

/** A key that expires within this many days shows as "Expiring" (the page's own threshold; the API only knows "active"). */
export const EXPIRING_WITHIN_DAYS = 7;

export type KeyDisplayStatus = "active" | "expiring" | "grace" | "replaced" | "expired" | "revoked";

export const STATUS_LABEL: Record<KeyDisplayStatus, string> = {
  active: "Active",
  expiring: "Expiring",
  grace: "In grace",
  replaced: "Replaced",
  expired: "Expired",
  revoked: "Revoked",
};

export const STATUS_TONE: Record<KeyDisplayStatus, BadgeTone> = {
  active: "success",
  expiring: "warning",
  grace: "info",
  replaced: "neutral",
  expired: "neutral",
  revoked: "danger",
};

/** The API's status with "expiring" split off "active" (EXPIRING_WITHIN_DAYS); `now` null (first render) shows "active". */
export function keyDisplayStatus(key: Pick<ApiKeyListItem, "status" | "expiresAt">, now: number | null): KeyDisplayStatus {
  switch (key.status) {
    case "grace_period":
      return "grace";
    case "rotated":
      return "replaced";
    case "expired":
    case "revoked":
      return key.status;
    default:
      return now !== null && key.expiresAt && Date.parse(key.expiresAt) - now <= EXPIRING_WITHIN_DAYS * 86_400_000 ? "expiring" : "active";
  }
}

/** Rotating and revoking apply to keys that still authenticate. */
export const canRotate = (s: KeyDisplayStatus) => s === "active" || s === "expiring";
export const canRevoke = (s: KeyDisplayStatus) => s === "active" || s === "expiring" || s === "grace";
