import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { companies } from "@/lib/db/schema/companies";
import { findOneOr404 } from "@/lib/db/tenant";
import { enqueue, type Enqueued } from "@/lib/jobs/enqueue";
import { sealLink } from "@/lib/jobs/handlers/sealed-link";
import { teamInviteEmailSchema, type TeamInviteEmail } from "./schemas";

/**
 * Queues the invitation email (job `email-send`, sent through SendGrid by the worker with the
 * company in its custom args, so delivery events reach the company's timeline). The job id is the
 * invite's: calling this twice for one invite queues one email. Resending an invite means a new invite.
 */
export async function sendTeamInvite(input: TeamInviteEmail): Promise<Enqueued> {
  const req = teamInviteEmailSchema.parse(input);
  const company = await findOneOr404(
    getDb().select({ name: companies.name }).from(companies).where(eq(companies.id, req.companyId)).limit(1),
    "Company not found.",
  );
  return enqueue(
    "email-send",
    {
      template: "invite",
      to: req.to,
      companyId: req.companyId,
      data: { companyName: company.name, inviterName: req.inviterName, role: req.role, acceptUrl: sealLink(req.acceptUrl) },
    },
    { jobId: `email-invite-${req.inviteId}` },
  );
}
