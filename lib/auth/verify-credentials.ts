import bcrypt from "bcryptjs";
import { and, asc, eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { companies, memberships, users } from "@/lib/db/schema";
import type { Role } from "./roles";

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  isPlatformAdmin: boolean;
  companyId: string | null;
  companyName: string | null;
  role: Role | null;
  /** users.session_generation now: the session or token issued for this sign-in carries it. */
  sessionGeneration: number;
}

/**
 * A bcrypt hash of a random string, compared when the email is unknown so that a wrong email
 * and a wrong password take the same time (no user enumeration by timing).
 */
const DUMMY_HASH = "$2b$10$tdLi1R6aqN.xhy0tAMgNp.ukIolByGzpURvhQSTtzRItOdSe8W89O";

/** Checks email + password; picks the requested company, else the person's first. Null when they do not match. */
export async function verifyCredentials(email: string, password: string, companyId?: string): Promise<SignedInUser | null> {
  const db = getDb();
  const normalised = email.trim().toLowerCase();
  const [user] = await db.select().from(users).where(eq(users.email, normalised)).limit(1);
  const matches = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !matches || user.disabledAt) return null;

  const rows = await db
    .select({ companyId: memberships.companyId, role: memberships.role, companyName: companies.name })
    .from(memberships)
    .innerJoin(companies, eq(companies.id, memberships.companyId))
    .where(companyId ? and(eq(memberships.userId, user.id), eq(memberships.companyId, companyId)) : eq(memberships.userId, user.id))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  if (companyId && rows.length === 0 && !user.isPlatformAdmin) return null;
  const membership = rows[0];

  return {
    id: user.id,
    email: user.email,
    name: user.name,
    isPlatformAdmin: Boolean(user.isPlatformAdmin),
    companyId: membership?.companyId ?? null,
    companyName: membership?.companyName ?? null,
    role: membership?.role ?? null,
    sessionGeneration: user.sessionGeneration,
  };
}
