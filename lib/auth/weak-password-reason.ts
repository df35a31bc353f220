/** Passwords printed in this repository or too common to survive a guess: refused for real accounts. */
const KNOWN = ["switchboard-demo", "switchboard", "password", "passw0rd", "administrator", "letmein", "qwertyuiop", "123456789012"];

/**
 * Why a password is too weak for a real account, or null when it is acceptable: at least 12
 * characters, at most 72 bytes (bcrypt ignores the rest), at least 6 different characters, not a
 * known or published password (the demo's included), and not containing the email's name part.
 */
export function weakPasswordReason(password: string, email = ""): string | null {
  if (password.length < 12) return "must be at least 12 characters";
  if (new TextEncoder().encode(password).length > 72) return "must be at most 72 bytes (bcrypt ignores the rest)";
  if (new Set(password).size < 6) return "must use at least 6 different characters";
  const lower = password.toLowerCase();
  if (KNOWN.some((known) => lower.includes(known))) return "is a known or published password";
  const name = email.split("@")[0]?.toLowerCase() ?? "";
  if (name.length >= 4 && lower.includes(name)) return "must not contain the email address";
  return null;
}
