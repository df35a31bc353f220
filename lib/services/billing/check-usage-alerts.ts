import { and, eq, isNotNull, isNull, lt, or } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { companies } from "@/lib/db/schema/companies";
import { memberships } from "@/lib/db/schema/memberships";
import { users } from "@/lib/db/schema/users";
import { appEnv } from "@/lib/env/app";
import { companyLimits } from "@/lib/gateway/rate-limit/policy";
import { enqueue } from "@/lib/jobs/enqueue";
import { getRedis, redisKey } from "@/lib/redis/client";

const HOUR_MS = 3_600_000;

/**
 * The usage alert, checked by the worker every minute (job `usage-alert-check`), so the gateway's hot
 * path pays nothing: for each active company whose owner set a threshold, the company layer's counter
 * of the current clock hour (`rl:c:<company>:<hour>`, the very count the gateway limits on; one Redis
 * pipeline for all of them) against threshold % of its hourly limit. A crossing claims the hour with a
 * conditional UPDATE (usage_alert_sent_hour before this hour), so any number of workers send one email
 * per company an hour, to each owner (job id per company, hour and owner). Returns the companies alerted.
 */
export async function checkUsageAlerts(opts: { now?: number } = {}): Promise<number> {
  const now = opts.now ?? Date.now();
  const slot = Math.floor(now / HOUR_MS);
  const hourStart = new Date(slot * HOUR_MS);
  const db = getDb();
  const watched = await db
    .select({
      id: companies.id,
      name: companies.name,
      tier: companies.tier,
      overrides: companies.limitOverrides,
      percent: companies.usageAlertPercent,
    })
    .from(companies)
    .where(
      and(
        isNotNull(companies.usageAlertPercent),
        eq(companies.status, "active"),
        or(isNull(companies.usageAlertSentHour), lt(companies.usageAlertSentHour, hourStart)),
      ),
    );
  if (watched.length === 0) return 0;
  const p = getRedis().pipeline();
  for (const c of watched) p.get(redisKey("rl", "c", c.id, slot));
  const counts = (await p.exec()) as unknown[];

  let sent = 0;
  for (const [i, c] of watched.entries()) {
    const used = Number(counts[i] ?? 0) || 0;
    const limit = companyLimits(c.tier, c.overrides).companyPerHour;
    if (!c.percent || used < (limit * c.percent) / 100) continue;
    const [claim] = await db
      .update(companies)
      .set({ usageAlertSentHour: hourStart })
      .where(and(eq(companies.id, c.id), or(isNull(companies.usageAlertSentHour), lt(companies.usageAlertSentHour, hourStart))));
    if (claim.affectedRows !== 1) continue;
    const owners = await db
      .select({ id: users.id, email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.companyId, c.id), eq(memberships.role, "owner"), isNull(users.disabledAt)));
    for (const owner of owners) {
      await enqueue(
        "email-send",
        {
          template: "usage-alert",
          to: owner.email,
          companyId: c.id,
          data: { companyName: c.name, percent: c.percent, used, limit, billingUrl: `${appEnv().APP_URL.replace(/\/$/, "")}/billing` },
        },
        { jobId: `email-usage-alert-${c.id}-${slot}-${owner.id}` },
      );
    }
    sent++;
  }
  return sent;
}
