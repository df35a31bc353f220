/**
 * How long a dashboard session lives (edge-safe constants, no imports). The cookie slides: each use
 * of next-auth's session endpoint extends it by SESSION_IDLE_SECONDS, but never past
 * SESSION_ABSOLUTE_MAX_SECONDS after the sign-in itself (`authAt` in the JWT): the edge refuses it
 * then, and next-auth's jwt callback clears it.
 */
export const SESSION_IDLE_SECONDS = 8 * 60 * 60;
export const SESSION_ABSOLUTE_MAX_SECONDS = 7 * 24 * 60 * 60;

/** True when a session that signed in at `authAt` (epoch seconds) is past its absolute maximum age, or names no sign-in time. */
export function isSessionTooOld(authAt: unknown, nowMs: number = Date.now()): boolean {
  return typeof authAt !== "number" || !Number.isFinite(authAt) || nowMs / 1000 - authAt > SESSION_ABSOLUTE_MAX_SECONDS;
}
