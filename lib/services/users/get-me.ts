import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { users } from "@/lib/db/schema/users";
import { findOneOr404 } from "@/lib/db/tenant";
import type { Role } from "@/lib/auth/roles";
import type { MeView } from "@/lib/services/settings/schemas";
import { readPendingEmailChange } from "./email-change-store";

/** The signed-in person's profile, with an email change waiting for its link (if any, and not expired). */
export async function getMe(userId: string, session: { role: Role | null; isPlatformAdmin: boolean }, now = new Date()): Promise<MeView> {
  const [user, pending] = await Promise.all([
    findOneOr404(
      getDb().select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, userId)).limit(1),
      "No such user.",
    ),
    readPendingEmailChange(userId),
  ]);
  const live = pending && Date.parse(pending.expiresAt) > now.getTime() ? pending : null;
  return {
    ...user,
    pendingEmail: live ? { email: live.email, expiresAt: live.expiresAt } : null,
    role: session.role,
    isPlatformAdmin: session.isPlatformAdmin,
  };
}
