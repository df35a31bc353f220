import { inspectQueue } from "./jobs-queue";
import { waitFor } from "./jobs-wait";
import { jobKeys } from "@/lib/jobs/keys";
import { sealedLinkSchema } from "@/lib/jobs/handlers/sealed-link";
import { getRedis } from "@/lib/redis/client";

type EmailPayload = { template: string; to: string; data: { acceptUrl: string } };

async function fromOutbox(jobId: string): Promise<EmailPayload | undefined> {
  const entries = (await getRedis().xrevrange(jobKeys.outbox(), "+", "-", 1000)) as Record<string, Record<string, unknown>>;
  for (const fields of Object.values(entries)) {
    if (fields.jobId === jobId) return (typeof fields.payload === "string" ? JSON.parse(fields.payload) : fields.payload) as EmailPayload;
  }
  return undefined;
}

/**
 * The token of an invite as only its email carries it: the `email-send` job's sealed accept link,
 * read from the outbox stream (or from BullMQ when a worker of another test file already moved it)
 * and opened as the worker does. Tests never read it from the database, which keeps only its hash.
 */
export async function inviteTokenFromEmail(inviteId: string): Promise<{ token: string; to: string; acceptUrl: string }> {
  const jobId = `email-invite-${inviteId}`;
  let emails: ReturnType<typeof inspectQueue> | null = null;
  try {
    const payload = await waitFor(
      async () => {
        const queued = await fromOutbox(jobId);
        if (queued) return queued;
        emails ??= inspectQueue("emails");
        return ((await emails.queue.getJob(jobId))?.data as EmailPayload | undefined) ?? undefined;
      },
      { what: `the invite email job ${jobId}` },
    );
    const acceptUrl = sealedLinkSchema.parse(payload.data.acceptUrl);
    return { token: acceptUrl.split("/invite/")[1]!, to: payload.to, acceptUrl };
  } finally {
    await (emails as ReturnType<typeof inspectQueue> | null)?.close();
  }
}
