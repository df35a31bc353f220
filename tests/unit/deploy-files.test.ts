import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PRODUCTION_SECRETS } from "@/lib/env/production-secrets";

const compose = readFileSync("docker-compose.yml", "utf8");
const dockerignore = readFileSync(".dockerignore", "utf8").split("\n");
/** The compose file's lines without comments. */
const lines = compose.split("\n").filter((l) => !/^\s*#/.test(l));

describe("docker-compose.yml", () => {
  it("refuses to start without each production secret (${VAR:?…}), and without the MySQL and Redis passwords", () => {
    for (const name of [...PRODUCTION_SECRETS.map((s) => s.name), "MYSQL_PASSWORD", "REDIS_PASSWORD"]) {
      expect(compose, name).toMatch(new RegExp(`\\$\\{${name}:\\?[^}]+\\}`));
      expect(compose, name).not.toMatch(new RegExp(`\\$\\{${name}:-`));
    }
    for (const s of PRODUCTION_SECRETS) expect(compose).toMatch(new RegExp(`^  ${s.name}: \\$\\{${s.name}:\\?`, "m"));
  });

  it("password-protects Redis, and the app, worker and bridge connect with the password", () => {
    expect(compose).toContain("--requirepass");
    expect(compose).toMatch(/REDIS_URL: redis:\/\/:\$\{REDIS_PASSWORD:\?[^}]+\}@redis:6379\/0/);
  });

  it("publishes only nginx's port; MySQL, Redis and the bridge are on an internal network only", () => {
    expect(lines.filter((l) => /^\s+ports:/.test(l))).toEqual(['    ports: ["8080:80"]']);
    expect(compose).toMatch(/^  internal:\n    internal: true$/m);
    for (const service of ["mysql", "redis", "bridge", "migrate"]) {
      const block = new RegExp(`^  ${service}:\\n((?:    .*\\n|\\n)*?)(?=^  \\S)`, "m").exec(compose)?.[1] ?? "";
      expect(block, service).toContain("networks: [internal]");
    }
  });

  it("pins Redis to a patch release with the October 2025 Lua fixes, not a floating tag", () => {
    const image = /^  redis:\n(?:    .*\n)*?    image: redis:(\S+)$/m.exec(compose)?.[1] ?? "";
    expect(image).toMatch(/^\d+\.\d+\.\d+$/);
    // The first fixed patch of each maintained line (CVE-2025-49844, -46817, -46818, -46819); later lines are fixed from .0.
    const firstFixed: Record<string, number> = { "7.2": 11, "7.4": 6, "8.0": 4, "8.2": 2 };
    const [major, minor, patch] = image.split(".").map(Number) as [number, number, number];
    const line = `${major}.${minor}`;
    const fixed = line in firstFixed ? patch >= firstFixed[line]! : major * 100 + minor > 802;
    expect(fixed, image).toBe(true);
  });

  it("never seeds demo data and never asks for the demo", () => {
    expect(lines.join("\n")).not.toMatch(/db:seed|SEED_DEMO|SEED_IF_EMPTY|SWITCHBOARD_DEMO:/);
  });
});

describe("Docker image", () => {
  it("keeps local env files out of the build context", () => {
    expect(dockerignore).toEqual(expect.arrayContaining([".env", ".env.*", ".data"]));
  });
});
