import { createInterface } from "node:readline/promises";
import { Writable } from "node:stream";
import { loadLocalEnv } from "./lib/local-env";

// npm run admin:create — the first platform admin of a real deployment (nothing is seeded in production).
// Asks for the email and a password (typed twice, not echoed), or takes ADMIN_EMAIL / ADMIN_PASSWORD once
// from the environment. Prints nothing secret.
loadLocalEnv();

function fail(line: string): never {
  console.error(`✖ ${line}`);
  process.exit(1);
}

/** Reads a line from the terminal; with `hidden`, what is typed is not shown. */
async function ask(question: string, hidden = false): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  const answer = rl.question(question);
  muted = hidden;
  try {
    return await answer;
  } finally {
    if (hidden) process.stdout.write("\n");
    rl.close();
  }
}

async function credentials(): Promise<{ email: string; password: string }> {
  const { ADMIN_EMAIL: email, ADMIN_PASSWORD: password } = process.env;
  if (email && password) return { email, password };
  if (!process.stdin.isTTY) fail("No terminal to ask in: set ADMIN_EMAIL and ADMIN_PASSWORD for this one run");
  const typedEmail = email ?? (await ask("Email of the platform admin: "));
  const typed = await ask("Password (at least 12 characters): ", true);
  if ((await ask("Password again: ", true)) !== typed) fail("The two passwords differ; nothing was created");
  return { email: typedEmail, password: typed };
}

const { email, password } = await credentials();
const { dbEnv } = await import("@/lib/env/db");
const { checkDatabase, migrate } = await import("@/lib/db/migrate");
const { closeDb } = await import("@/lib/db/client");
const { createPlatformAdmin } = await import("@/lib/services/admin/create-platform-admin");
const { ApiError } = await import("@/lib/api/errors");

const url = dbEnv().DATABASE_URL;
const check = await checkDatabase(url);
if (!check.ok) fail(check.line);
try {
  await migrate({ databaseUrl: url });
  const admin = await createPlatformAdmin({ email, password });
  const signIn = new URL("/signin", process.env.APP_URL ?? process.env.NEXTAUTH_URL ?? "http://localhost:3000").href;
  console.log(`✔ Platform admin ${admin.email} created (${admin.id}); sign in at ${signIn}`);
  if (process.env.ADMIN_PASSWORD) console.log("  Remove ADMIN_PASSWORD from the environment now: it is needed only once.");
} catch (err) {
  if (err instanceof ApiError) fail(err.message);
  throw err;
} finally {
  await closeDb();
}
