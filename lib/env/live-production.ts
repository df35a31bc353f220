/**
 * A real deployment: `NODE_ENV=production` without `SWITCHBOARD_DEMO=1`. It never falls back to the
 * local vendor fakes, generated or repository secrets, or demo data; `SWITCHBOARD_DEMO=1` is the
 * operator asking for the demo by name (a production build with the fakes and demo accounts).
 */
export function isLiveProduction(env: Record<string, string | undefined> = process.env): boolean {
  return env.NODE_ENV === "production" && env.SWITCHBOARD_DEMO !== "1";
}
