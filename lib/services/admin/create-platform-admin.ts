import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { hashPassword } from "@/lib/auth/hash-password";
import { weakPasswordReason } from "@/lib/auth/weak-password-reason";
import { getDb, type Db } from "@/lib/db/client";
import { isDuplicateKey } from "@/lib/db/is-duplicate-key";
import { users } from "@/lib/db/schema";
import { createId } from "@/lib/ids/create-id";

const inputSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email().max(191)),
  password: z.string(),
  name: z.string().trim().min(1).max(191).optional(),
});

/**
 * Creates a platform admin who belongs to no company (`npm run admin:create`, the first account of a
 * real deployment). Refuses a weak password and an email that already has an account; the password
 * is stored only as a bcrypt hash. Answers the new user's id and normalised email.
 */
export async function createPlatformAdmin(input: z.input<typeof inputSchema>, db: Db = getDb()): Promise<{ id: string; email: string }> {
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) throw new ApiError("bad_request", "Not a valid email address.");
  const { email, password } = parsed.data;
  const weak = weakPasswordReason(password, email);
  if (weak) throw new ApiError("bad_request", `The password ${weak}.`);
  const id = createId("user");
  const now = new Date();
  try {
    await db.insert(users).values({
      id,
      email,
      name: parsed.data.name ?? email.split("@")[0]!,
      passwordHash: await hashPassword(password),
      isPlatformAdmin: true,
      // The operator typed it in: there is no one to send a verification email to.
      emailVerifiedAt: now,
      createdAt: now,
      updatedAt: now,
    });
  } catch (err) {
    if (isDuplicateKey(err, "users_email_uq")) throw new ApiError("conflict", `An account with ${email} already exists.`);
    throw err;
  }
  return { id, email };
}
