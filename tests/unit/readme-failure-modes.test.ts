import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The README's "Failure modes" table is checked against the tests that prove it: every row names at
 * least one test file that exists, and every test title it quotes ("…" after a file) is a test or a
 * describe block in that file. A row whose proof is renamed or deleted fails here, not silently.
 */
const root = path.resolve(import.meta.dirname, "../..");
const readme = readFileSync(path.join(root, "README.md"), "utf8");

function failureModeRows(): Array<{ fault: string; proof: string }> {
  const start = readme.indexOf("### Failure modes");
  expect(start, "README has a Failure modes section").toBeGreaterThan(-1);
  const lines = readme.slice(start).split("\n").slice(1);
  const rows: Array<{ fault: string; proof: string }> = [];
  let inTable = false;
  for (const line of lines) {
    if (line.startsWith("|")) inTable = true;
    else if (inTable) break;
    else if (line.startsWith("#")) break;
    if (!line.startsWith("|") || line.startsWith("|---") || line.startsWith("| fault")) continue;
    const cells = line.split(" | ");
    rows.push({ fault: cells[0]!.replace(/^\|\s*/, ""), proof: cells.at(-1)!.replace(/\s*\|\s*$/, "") });
  }
  return rows;
}

describe("README: Failure modes", () => {
  const rows = failureModeRows();

  it("has rows", () => {
    expect(rows.length).toBeGreaterThanOrEqual(5);
  });

  for (const row of rows) {
    it(`"${row.fault.slice(0, 60)}" names tests that exist`, () => {
      // A test file, or the fault test's script (`npm run test:faults`), whose FAULTS entries are quoted by name.
      const files = [...row.proof.matchAll(/`(tests\/[^`]+\.(?:test|spec)\.ts|scripts\/test-faults\.ts)`/g)].map((m) => m[1]!);
      expect(files.length, `a test file for: ${row.fault}`).toBeGreaterThan(0);
      for (const file of files) expect(existsSync(path.join(root, file)), file).toBe(true);
      // A quoted title right after a file: `tests/x.test.ts` ("title") must be in that file.
      for (const m of row.proof.matchAll(/`((?:tests|scripts)\/[^`]+)`\s*\("([^"]+)"/g)) {
        const source = readFileSync(path.join(root, m[1]!), "utf8");
        expect(source.includes(`"${m[2]}"`), `${m[1]} has a test, describe or fault "${m[2]}"`).toBe(true);
      }
    });
  }
});
