import { getServerSession, type Session } from "next-auth";
import { authOptions } from "./options";

/** The signed-in person in a server component or route, or null. */
export async function getSession(): Promise<Session | null> {
  return getServerSession(authOptions());
}
