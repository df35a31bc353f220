/**
 * Runs once when a Next server starts (next start, next dev, scripts/server.ts): in production it
 * refuses to serve without its secrets, so `next start` alone is held to the same rule as `npm start`.
 * Not while `next build` collects pages (no secrets there: the Docker build has none).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { refuseUnsafeProduction } = await import("@/lib/env/refuse-unsafe-production");
  refuseUnsafeProduction();
}
