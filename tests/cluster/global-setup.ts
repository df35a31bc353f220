import type { TestProject } from "vitest/node";
import { Cluster, type ClusterInfo } from "./cluster";

declare module "vitest" {
  export interface ProvidedContext {
    cluster: ClusterInfo;
  }
}

/** Starts the cluster once for the run and always stops it: after the tests, after a failed start, on Ctrl-C. */
export default async function setup(project: TestProject) {
  const cluster = new Cluster();
  const started = Date.now();
  const onSignal = (signal: NodeJS.Signals) => {
    void cluster.stop().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    project.provide("cluster", await cluster.start());
  } catch (err) {
    console.error(`test:cluster: the cluster did not start\n${cluster.logs()}`);
    await cluster.stop();
    throw err;
  }
  console.log(`test:cluster: 3 replicas, worker, bridge, fakes and nginx ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return async () => {
    await cluster.stop();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  };
}
