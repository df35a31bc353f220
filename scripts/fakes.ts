/**
 * `tsx scripts/fakes.ts`: the local fake Retell, Cal.com, Stripe and SendGrid servers the app talks to
 * by default (lib/env/integrations.ts). Each listens on the port of its *_API_URL when that URL is
 * local, else on FAKE_<VENDOR>_PORT, else 4010 retell, 4011 calcom, 4012 stripe, 4013 sendgrid.
 * Fault orders, recorded requests and signed webhooks: see fakes/shared/fake-server.ts.
 */
import { startFakes } from "@/fakes";
import { fakePortFor, VENDORS } from "@/fakes/ports";
import { loadLocalEnv } from "./lib/local-env";

async function main(): Promise<void> {
  loadLocalEnv();
  const fakes = await startFakes({
    host: process.env.FAKE_HOST ?? "127.0.0.1",
    ports: Object.fromEntries(VENDORS.map((v) => [v, fakePortFor(v)])),
  });
  for (const [vendor, url] of Object.entries(fakes.urls)) console.log(`fake ${vendor.padEnd(8)} ${url}`);
  console.log("control: POST <url>/__fake/faults · /__fake/reset · /__fake/send-webhook · GET <url>/__fake/requests");

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`fakes: ${signal}, closing`);
    fakes.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err: unknown) => {
  const code = (err as { code?: unknown }).code;
  console.error(
    code === "EADDRINUSE" ? `fakes: a port is taken (${String((err as Error).message)}) — is another \`npm run fakes\` running?` : err,
  );
  process.exit(1);
});
