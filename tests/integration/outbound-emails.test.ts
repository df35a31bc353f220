import { UnrecoverableError } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createId } from "@/lib/ids/create-id";
import { emailSend } from "@/lib/jobs/handlers/email-send";
import { sealLink } from "@/lib/jobs/handlers/sealed-link";
import { renderEmail } from "@/lib/jobs/handlers/email-templates";
import { logger } from "@/lib/log/logger";
import { sendExportReady } from "@/lib/services/exports/send-export-ready";
import { sendTeamInvite } from "@/lib/services/team/send-team-invite";
import { fakeControl, fakeFaults } from "../helpers/fakes-control";
import { inspectQueue } from "../helpers/jobs-queue";
import { waitFor } from "../helpers/jobs-wait";
import { seedCompany } from "../helpers/seed-rows";
import { startWebhookHarness, type WebhookHarness } from "../helpers/webhook-harness";

type SentMessage = {
  id: string;
  to: string[];
  from: string;
  subject: string;
  text?: string;
  html?: string;
  categories: string[];
  customArgs: Record<string, string>;
};
let h: WebhookHarness;
const emailsQueue = inspectQueue("emails");

beforeAll(async () => {
  h = await startWebhookHarness();
});
afterAll(async () => {
  await emailsQueue.close();
  await h.close();
});

const messagesTo = async (email: string) =>
  (await fakeControl<{ messages: SentMessage[] }>(h.fake.sendgrid, "GET", "/__fake/messages")).messages.filter((m) => m.to.includes(email));
const jobDone = (jobId: string) =>
  waitFor(async () => ((await emailsQueue.job(jobId))?.state === "completed" ? true : undefined), { what: `email job ${jobId}` });

describe("transactional emails through the email-send job", () => {
  it("a team invite is sent once per invite, through SendGrid, with the company in its custom args and every value escaped", async () => {
    const companyId = await seedCompany({ name: "Acme <Dental>" });
    const to = `new.${companyId.toLowerCase()}@acme.test`;
    const inviteId = createId("invite");
    const input = {
      companyId,
      inviteId,
      to,
      role: "member",
      inviterName: "Sam <b>Owner</b>",
      acceptUrl: "http://localhost:3000/invite/tok_123",
    };
    const { jobId, queue } = await sendTeamInvite(input);
    expect({ jobId, queue }).toEqual({ jobId: `email-invite-${inviteId}`, queue: "emails" });
    await sendTeamInvite(input);
    await jobDone(jobId);

    const sent = await messagesTo(to);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      subject: "Join Acme <Dental> on Switchboard",
      from: "no-reply@switchboard.test",
      categories: ["invite"],
      customArgs: { sb_company_id: companyId, sb_template: "invite" },
    });
    expect(sent[0]!.text).toContain("http://localhost:3000/invite/tok_123");
    // the token never sat in Redis in clear: the job carried the link sealed
    const job = await emailsQueue.queue.getJob(jobId);
    expect(JSON.stringify(job?.data)).not.toContain("tok_123");
    expect(sent[0]!.html).toContain("Sam &lt;b&gt;Owner&lt;/b&gt; invited you to join Acme &lt;Dental&gt;");
    expect(sent[0]!.html).not.toContain("<b>Owner</b>");
  });

  it("export-ready is sent once per export", async () => {
    const companyId = await seedCompany();
    const to = `ops.${companyId.toLowerCase()}@acme.test`;
    const exportId = createId("export");
    const input = { companyId, exportId, to, downloadUrl: "http://localhost:3000/api/v1/exports/x/download", exportName: "Calls (March)" };
    const { jobId } = await sendExportReady(input);
    await sendExportReady(input);
    await jobDone(jobId);
    const sent = await messagesTo(to);
    expect(sent.map((m) => m.subject)).toEqual(["Calls (March) is ready"]);
  });

  it("a retried email job (or a retried dead letter) does not send again; bad data is refused before anything is sent", async () => {
    const companyId = await seedCompany();
    const to = `retry.${companyId.toLowerCase()}@acme.test`;
    const payload = { template: "export-ready" as const, to, companyId, data: { downloadUrl: "http://localhost:3000/d/1" } };
    const ctx = (jobId: string, attempt: number) => ({
      jobId,
      queue: "emails" as const,
      attempt,
      maxAttempts: 5,
      signal: new AbortController().signal,
      log: logger(),
    });
    const jobId = `email-test-${createId("export")}`;
    const first = (await emailSend(payload, ctx(jobId, 1))) as { messageId: string };
    expect(first.messageId).toEqual(expect.any(String));
    expect(await emailSend(payload, ctx(jobId, 2))).toEqual({ skipped: "already sent", messageId: first.messageId });
    expect(await emailSend(payload, ctx(`${jobId}-r1`, 1))).toMatchObject({ skipped: "already sent" });
    expect(await messagesTo(to)).toHaveLength(1);

    // SendGrid refusing the message is final; SendGrid failing is retried (and nothing was remembered as sent).
    const other = { ...payload, to: `other.${to}` };
    await fakeFaults(h.fake.sendgrid, { failNext: 1, status: 400, path: "/v3/mail/send" });
    await expect(emailSend(other, ctx(`email-test-${createId("export")}`, 1))).rejects.toBeInstanceOf(UnrecoverableError);
    const flaky = `email-test-${createId("export")}`;
    await fakeFaults(h.fake.sendgrid, { failNext: 1, status: 503, path: "/v3/mail/send" });
    const outage = await emailSend(other, ctx(flaky, 1)).catch((e: unknown) => e);
    expect(outage).toMatchObject({ name: "VendorError", vendorStatus: 503 });
    expect(outage).not.toBeInstanceOf(UnrecoverableError);
    expect(await emailSend(other, ctx(flaky, 2))).toEqual({ messageId: expect.any(String) });
    expect(await messagesTo(other.to)).toHaveLength(1);

    expect(() =>
      renderEmail("invite", { companyName: "A", inviterName: "B", role: "member", acceptUrl: sealLink("javascript:alert(1)") }),
    ).toThrow(UnrecoverableError);
    // an unsealed link (a token in clear in Redis) is refused too
    expect(() =>
      renderEmail("invite", { companyName: "A", inviterName: "B", role: "member", acceptUrl: "http://localhost:3000/invite/tok" }),
    ).toThrow(UnrecoverableError);
    await expect(
      sendTeamInvite({ companyId, inviteId: createId("invite"), to, role: "member", inviterName: "B", acceptUrl: "javascript:alert(1)" }),
    ).rejects.toThrow();
    expect(await messagesTo(to)).toHaveLength(1);
  });
});
