import { redirect } from "next/navigation";
import { getSession } from "@/lib/auth/get-session";

export const dynamic = "force-dynamic";

// `/`: signed-in people go to their dashboard, everyone else to sign in.
export default async function Home() {
  const session = await getSession();
  redirect(session ? "/dashboard" : "/signin");
}
