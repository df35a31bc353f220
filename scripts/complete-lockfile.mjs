#!/usr/bin/env node
/**
 * `npm run lock:complete` — after `npm install` here, the lockfile lacks the optional, per-platform
 * binaries this machine's npm mirror does not carry (@next/swc-darwin-arm64, @tailwindcss/oxide-win32-…),
 * and `npm ci` then refuses the lockfile ("Missing: … from lock file"). This adds an entry for each
 * missing optional dependency, with the os/cpu its name encodes, so `npm ci` skips it on this platform
 * exactly as it would with the real entry. Entries npm wrote itself are never touched.
 */
import { readFileSync, writeFileSync } from "node:fs";

const OS = ["android", "darwin", "freebsd", "linux", "win32", "openharmony", "sunos", "aix", "netbsd", "openbsd"];
const CPU = ["arm64", "x64", "ia32", "arm", "loong64", "ppc64", "riscv64", "s390x", "mips64el", "wasm32"];

function platformOf(name) {
  const parts = name.split("/").pop().split("-");
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.find((p) => CPU.includes(p));
  return { ...(os ? { os: [os] } : {}), ...(cpu ? { cpu: [cpu] } : {}) };
}

const file = "package-lock.json";
const lock = JSON.parse(readFileSync(file, "utf8"));
let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${path ? `${path}/` : ""}node_modules/${name}`;
    if (lock.packages[nested] || lock.packages[`node_modules/${name}`]) continue;
    const platform = platformOf(name);
    if (!platform.os && !platform.cpu) continue; // not a per-platform binary: leave it to npm
    // key order as npm writes such an entry: version, then the rest alphabetically
    lock.packages[`node_modules/${name}`] = {
      version: String(range).replace(/^[\^~=]/, ""),
      ...(platform.cpu && { cpu: platform.cpu }),
      ...(entry.dev && { dev: true }), // a dev-only parent's binaries are dev-only too
      optional: true,
      ...(platform.os && { os: platform.os }),
    };
    added++;
  }
}
// packages in npm's own order, so a later `npm install` leaves the file as it is
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => a.localeCompare(b, "en")));
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: ${added} per-platform optional entries added`);
