import { rollupEdgeStats } from "@/lib/metrics/rollup-edge-stats";
import type { JobHandler } from "../handler";

/** Folds the edge gateway's per-second decision counts into the cluster totals Prometheus reads. */
export const metricsRollup: JobHandler<"metrics-rollup"> = async () => ({ seconds: await rollupEdgeStats() });
