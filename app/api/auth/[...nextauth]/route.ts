import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ nextauth: string[] }> };

// GET|POST /api/auth/* — next-auth 4 (credentials sign-in, session, CSRF, sign-out).
async function handler(req: Request, ctx: Ctx) {
  return NextAuth(req as never, ctx as never, authOptions());
}

export { handler as GET, handler as POST };
