import { z } from "zod";
import { idSchema } from "@/lib/ids/id-schema";

/** The invitation email of one invite (lib/services/team/send-team-invite.ts). */
export const teamInviteEmailSchema = z.object({
  companyId: idSchema("company"),
  /** The invites row: one email per invite, however often this is called. */
  inviteId: idSchema(),
  to: z.email(),
  role: z.string().min(1).max(32),
  inviterName: z.string().min(1).max(191),
  /** The link that accepts the invite (carries the invite's token). */
  acceptUrl: z
    .string()
    .url()
    .regex(/^https?:\/\//, "must be an http(s) URL"),
});
export type TeamInviteEmail = z.input<typeof teamInviteEmailSchema>;
