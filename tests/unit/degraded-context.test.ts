import { describe, expect, it } from "vitest";
import { defineRoute } from "@/lib/api/define-route";
import { processMetrics } from "@/lib/metrics/prometheus-registry";
import { stopMetricsRecorder } from "@/lib/metrics/recorder";
import { personCaller, signedRequest } from "../helpers/signed-request";

async function fallbacks(): Promise<number> {
  const metric = await processMetrics().fallbacks.get();
  return metric.values.find((v) => v.labels.dependency === "rate-limiter")?.value ?? 0;
}

describe("a fail-open decision at the edge", () => {
  it("is counted on the Node side from the signed context, without a Redis trip of its own", async () => {
    const route = defineRoute({ auth: "required" }, async () => ({ ok: true }));
    const caller = personCaller({ userId: "usr_1", companyId: "co_1", role: "owner" });
    const before = await fallbacks();
    expect((await route(await signedRequest("/api/v1/ping", { caller: { ...caller, dg: true } }))).status).toBe(200);
    expect((await route(await signedRequest("/api/v1/ping", { caller }))).status).toBe(200);
    expect((await fallbacks()) - before).toBe(1);
    stopMetricsRecorder();
  });
});
