import { BreakerTimeoutError } from "@/lib/breaker/errors";
import type { Vendor } from "@/lib/integrations/http/vendor-error";
import { errorForLog, logger } from "@/lib/log/logger";
import { breakerOpenError, credentialError, describeConnectionError } from "./describe-connection-error";
import { hasProbe, VENDOR_PROBES } from "./probe-vendor";
import { INTEGRATION_NAMES, type ConnectionError, type ConnectionTest } from "./schemas";
import { readVendorBreaker } from "./vendor-breaker";
import { vendorCredential } from "./vendor-credential";

/** A person clicking "test" gets an answer within this, however slow the vendor (its own timeout is 8–20 s, twice). */
export const CONNECTION_TEST_DEADLINE_MS = 4_000;
/** Each attempt of the probe's read (the clients retry a read once): two fit in the deadline. */
const ATTEMPT_TIMEOUT_MS = 1_800;

/** The probe, or a timeout error once the deadline passes (the read is abandoned, like any timed-out call). */
async function withinDeadline(vendor: Vendor, probe: Promise<void>): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BreakerTimeoutError(vendor, CONNECTION_TEST_DEADLINE_MS)), CONNECTION_TEST_DEADLINE_MS);
  });
  try {
    await Promise.race([probe, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * "Is my connection working?": one cheap read through the vendor's client with the key the company's
 * calls use. Always an answer (ok or not, with a code and our own words), never a vendor's text. The
 * read goes through the vendor's shared breaker like any call: an OPEN breaker answers at once without
 * calling, a HALF-OPEN one lets this test be its probe, and an outage counts toward opening it.
 */
export async function testIntegrationConnection(companyId: string, vendor: Vendor): Promise<ConnectionTest> {
  const credential = await vendorCredential(companyId, vendor);
  let error: ConnectionError | undefined;
  let note: string | undefined;
  let latencyMs = 0;

  if (credential.state !== "ok") {
    error = credentialError(vendor, credential.state);
  } else if (hasProbe(vendor)) {
    const started = performance.now();
    try {
      await withinDeadline(vendor, VENDOR_PROBES[vendor](credential.value, { timeoutMs: ATTEMPT_TIMEOUT_MS }));
    } catch (err) {
      error = describeConnectionError(vendor, err, credential.source) ?? undefined;
      if (error) {
        logger().info({ ...errorForLog(err), companyId, vendor }, "integrations: connection test failed");
      } else {
        logger().warn({ ...errorForLog(err), companyId, vendor }, "integrations: connection test failed unexpectedly");
        error = {
          code: "unexpected",
          message: `The ${INTEGRATION_NAMES[vendor]} test could not be completed. Try again; if it keeps failing, contact support.`,
        };
      }
    }
    latencyMs = Math.round(performance.now() - started);
  }

  const breaker = await readVendorBreaker(vendor);
  if (credential.state === "ok" && !hasProbe(vendor)) {
    // Send-only: nothing to read, so the breaker (fed by recent sends) is all there is to report.
    if (breaker.state === "open" && breaker.openUntil) error = breakerOpenError(vendor, Date.parse(breaker.openUntil));
    else
      note = `${INTEGRATION_NAMES[vendor]} is only used to send mail, and a test does not send one: the key is set, and recent sends decide the state shown.`;
  }

  return {
    vendor,
    ok: error === undefined,
    check: hasProbe(vendor) ? "read" : "send_only",
    latencyMs,
    testedAt: new Date().toISOString(),
    breaker,
    ...(error ? { error } : {}),
    ...(note ? { note } : {}),
  };
}
