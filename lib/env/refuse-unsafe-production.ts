import { productionSecretProblems, type ProductionSecretName } from "./production-secrets";

/**
 * Exits with status 1 after one line per missing or public secret when this is a live production
 * process (see productionSecretProblems). Called first by everything that starts in production: the
 * launcher (npm start), the worker, the bridge and Next's instrumentation (so `next start` alone too).
 */
export function refuseUnsafeProduction(only?: readonly ProductionSecretName[]): void {
  const problems = productionSecretProblems(process.env, only);
  if (problems.length === 0) return;
  console.error(
    [
      "",
      `Switchboard refuses to start in production (NODE_ENV=production) with ${problems.length} unsafe secret(s):`,
      ...problems.map((line) => `✖ ${line}`),
      "Set each one (README › Deploy), or run the demo with the local fakes and demo data by name: SWITCHBOARD_DEMO=1.",
      "",
    ].join("\n"),
  );
  process.exit(1);
}
