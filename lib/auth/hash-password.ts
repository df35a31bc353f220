import bcrypt from "bcryptjs";

/** bcrypt cost of a real account's password (verify-credentials.ts compares any cost). */
const COST = 12;

/** The bcrypt hash stored in users.password_hash for a password someone chose. */
export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}
