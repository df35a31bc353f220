import type { Metadata } from "next";
import { getSession } from "@/lib/auth/get-session";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const session = await getSession();
  return (
    <div className="max-w-3xl">
      <h1 className="text-2xl font-semibold tracking-tight">Dashboard</h1>
      <p className="mt-2 text-slate-600">
        Welcome, {session?.user.name ?? session?.user.email}. Today&apos;s calls, answers and bookings will appear here once the dashboard
        service ships; the API and data underneath are already in place.
      </p>
    </div>
  );
}
