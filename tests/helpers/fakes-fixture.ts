import { afterAll, beforeAll, beforeEach } from "vitest";
import { startFakes, type Fakes } from "@/fakes";
import type { Vendor } from "@/lib/integrations/http/vendor-error";
import { startCapture, type Capture } from "./fakes-capture";
import { fakeReset } from "./fakes-control";

export interface FakeFixture {
  /** Base URL of the vendor's fake; from the file's beforeAll on. */
  readonly url: string;
  /** A webhook receiver that records what the fake delivers. */
  readonly capture: Capture;
}

/**
 * Registers the hooks a vendor client file needs: the fake for `vendor` alone on a free port and a
 * capture server (beforeAll, both closed in afterAll), and the fake reset before every test. Call it
 * at the top of the file, before any hook of its own that reads the fixture.
 */
export function setupFake(vendor: Vendor): FakeFixture {
  let fakes: Fakes | undefined;
  let url: string | undefined;
  let capture: Capture | undefined;

  const started = () => {
    if (!fakes || !url || !capture) throw new Error(`setupFake(${vendor}): the fake is not started yet (read it in a hook or a test)`);
    return { fakes, url, capture };
  };

  beforeAll(async () => {
    fakes = await startFakes({ only: [vendor], ports: { [vendor]: 0 } });
    url = fakes.urls[vendor]!;
    capture = await startCapture();
  });
  afterAll(async () => {
    await fakes?.close();
    await capture?.close();
  });
  beforeEach(async () => {
    await fakeReset(started().url);
  });

  return {
    get url() {
      return started().url;
    },
    get capture() {
      return started().capture;
    },
  };
}
