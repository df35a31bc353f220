import { decide } from "@/lib/gateway/rate-limit/decide";

/**
 * One "app instance" for the concurrency test: its own process and its own client, firing N
 * concurrent decisions for one company. Prints the kinds as JSON. Args: companyId now count.
 */
const [companyId, now, count] = process.argv.slice(2);
const results = await Promise.all(
  Array.from({ length: Number(count) }, (_, i) =>
    decide({
      now: Number(now),
      ip: "1.1.1.1",
      auth: "user",
      principal: `u${process.pid}_${i}`,
      companyId,
      group: "calls",
      applyGlobal: false,
    }),
  ),
);
console.log(JSON.stringify(results.map((r) => r.kind)));
process.exit(0); // an open Redis connection (the TCP transport) would keep this process alive
