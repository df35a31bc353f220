import { eq } from "drizzle-orm";
import { runIdempotent } from "@/lib/api/run-idempotent";
import { getDb } from "@/lib/db/client";
import { invites } from "@/lib/db/schema/invites";
import { users } from "@/lib/db/schema/users";
import { forCompany } from "@/lib/db/tenant";
import { createInvite, type CreateInviteInput } from "./create-invite";
import type { PublicInvite } from "./schemas";
import { toPublicInvite } from "./to-public-invite";

/**
 * POST /api/v1/team/invites: createInvite behind the Idempotency-Key (the same key and body within
 * 24 h answer with the invite the first request made, instead of a 409 for its own open invite; no
 * second email).
 */
export async function createInviteFromApi(input: CreateInviteInput, idempotencyKey: string | null): Promise<PublicInvite> {
  const { value } = await runIdempotent({
    companyId: input.companyId,
    scope: "invites",
    key: idempotencyKey,
    body: { email: input.email.trim().toLowerCase(), role: input.role },
    create: async () => {
      const invite = await createInvite(input);
      return { id: invite.id, value: invite };
    },
    replay: async (id) => {
      const [row] = await getDb()
        .select({ invite: invites, inviterName: users.name })
        .from(invites)
        .leftJoin(users, eq(users.id, invites.invitedBy))
        .where(forCompany(invites, input.companyId, eq(invites.id, id)))
        .limit(1);
      return row ? toPublicInvite(row.invite, row.inviterName, new Date()) : null;
    },
  });
  return value;
}
