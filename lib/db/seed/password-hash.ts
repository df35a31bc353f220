import bcrypt from "bcryptjs";

/**
 * The bcrypt hash every demo user shares. Reuses the stored one when it still matches the password,
 * so re-seeding writes identical rows; hashes once (cost 10) otherwise.
 */
export async function demoPasswordHash(password: string, stored: (string | null)[]): Promise<string> {
  const [first] = stored;
  if (first && stored.length > 0 && stored.every((h) => h === first) && (await bcrypt.compare(password, first))) return first;
  return bcrypt.hash(password, 10);
}
