import { afterAll, beforeAll } from "vitest";
import { startCapture, type Capture } from "./fakes-capture";
import { startWebhookHarness, type WebhookHarness } from "./webhook-harness";

export interface WebhookFixture {
  /** The harness (fakes, routes, worker); from the file's beforeAll on. */
  readonly h: WebhookHarness;
  /** A receiver that records what the fakes deliver, for replays and tampering. */
  readonly capture: Capture;
}

/**
 * Registers the hooks a webhook file needs: the full webhook harness and a capture server
 * (beforeAll; closed in afterAll, the capture first). Call it at the top of the file, before any hook
 * of its own that reads the fixture.
 */
export function setupWebhookHarness(): WebhookFixture {
  let h: WebhookHarness | undefined;
  let capture: Capture | undefined;

  const started = () => {
    if (!h || !capture) throw new Error("setupWebhookHarness: the harness is not started yet (read it in a hook or a test)");
    return { h, capture };
  };

  beforeAll(async () => {
    h = await startWebhookHarness();
    capture = await startCapture();
  });
  afterAll(async () => {
    await capture?.close();
    await h?.close();
  });

  return {
    get h() {
      return started().h;
    },
    get capture() {
      return started().capture;
    },
  };
}
