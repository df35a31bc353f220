import { LOCAL_FAKE_PORTS } from "@/lib/integrations/local-defaults";
import type { Vendor } from "@/lib/integrations/http/vendor-error";
import { startCalcomFake, type CalcomFakeOptions } from "./calcom/server";
import { startRetellFake, type RetellFakeOptions } from "./retell/server";
import type { FakeServer } from "./shared/fake-server";
import { startSendgridFake, type SendgridFakeOptions } from "./sendgrid/server";
import { startStripeFake, type StripeFakeOptions } from "./stripe/server";

export type { FakeServer } from "./shared/fake-server";

export interface StartFakesOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Per vendor; default 4010 retell, 4011 calcom, 4012 stripe, 4013 sendgrid. 0 = any free port (tests). */
  ports?: Partial<Record<Vendor, number>>;
  /** Which fakes to start; default all four. */
  only?: Vendor[];
  retell?: Omit<RetellFakeOptions, "port" | "host">;
  calcom?: Omit<CalcomFakeOptions, "port" | "host">;
  stripe?: Omit<StripeFakeOptions, "port" | "host">;
  sendgrid?: Omit<SendgridFakeOptions, "port" | "host">;
}

export interface Fakes {
  /** Base URL of each started fake, e.g. `{retell: "http://127.0.0.1:4010", …}`. */
  urls: Partial<Record<Vendor, string>>;
  servers: FakeServer[];
  close(): Promise<void>;
}

/**
 * Starts the local vendor fakes (one node:http server per vendor, in-memory state) for tests and for
 * `npm run fakes`. If one cannot start (port taken), those already started are closed again.
 */
export async function startFakes(opts: StartFakesOptions = {}): Promise<Fakes> {
  const host = opts.host ?? "127.0.0.1";
  const port = (v: Vendor) => opts.ports?.[v] ?? LOCAL_FAKE_PORTS[v];
  const starters: Record<Vendor, () => Promise<FakeServer>> = {
    retell: () => startRetellFake({ ...opts.retell, host, port: port("retell") }),
    calcom: () => startCalcomFake({ ...opts.calcom, host, port: port("calcom") }),
    stripe: () => startStripeFake({ ...opts.stripe, host, port: port("stripe") }),
    sendgrid: () => startSendgridFake({ ...opts.sendgrid, host, port: port("sendgrid") }),
  };
  const vendors = opts.only ?? (Object.keys(starters) as Vendor[]);
  const results = await Promise.allSettled(vendors.map((v) => starters[v]()));
  const servers = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) {
    await Promise.all(servers.map((s) => s.close()));
    throw failed.reason;
  }
  return {
    urls: Object.fromEntries(servers.map((s) => [s.name, s.url])) as Partial<Record<Vendor, string>>,
    servers,
    close: async () => {
      await Promise.all(servers.map((s) => s.close()));
    },
  };
}
