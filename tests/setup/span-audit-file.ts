import { tmpdir } from "node:os";
import path from "node:path";
import { TEST_SLOT } from "./test-env";

/** Where the e2e server writes every span's attributes (TRACING_AUDIT_FILE), per test slot. */
export const SPAN_AUDIT_FILE = path.join(tmpdir(), `switchboard-e2e-s${TEST_SLOT}-span-attributes.jsonl`);
