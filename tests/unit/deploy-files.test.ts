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

  it("never seeds demo data and never asks for the demo", () => {
    expect(lines.join("\n")).not.toMatch(/db:seed|SEED_DEMO|SEED_IF_EMPTY|SWITCHBOARD_DEMO:/);
  });
});

describe("Docker image", () => {
  it("keeps local env files out of the build context", () => {
    expect(dockerignore).toEqual(expect.arrayContaining([".env", ".env.*", ".data"]));
  });
});
