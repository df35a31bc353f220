import type { ActivityItem } from "@/lib/services/dashboard/schemas";
import { cn } from "@/components/ui/cn";

const STYLES: Record<ActivityItem["kind"], string> = {
  call: "bg-brand-50 text-brand-700",
  appointment: "bg-violet-50 text-violet-700",
  email: "bg-slate-100 text-slate-600",
};

const PATHS: Record<ActivityItem["kind"], string> = {
  // A handset.
  call: "M3 5.5C3 14.06 9.94 21 18.5 21c.39 0 .77-.02 1.15-.05a1.5 1.5 0 0 0 1.35-1.49v-2.8a1.5 1.5 0 0 0-1.18-1.47l-3.02-.67a1.5 1.5 0 0 0-1.5.53l-.85 1.06a12.04 12.04 0 0 1-5.56-5.56l1.06-.85a1.5 1.5 0 0 0 .53-1.5l-.67-3.02A1.5 1.5 0 0 0 8.34 3H5.54A1.5 1.5 0 0 0 4.05 4.35C4.02 4.73 3 5.11 3 5.5Z",
  // A calendar page.
  appointment: "M7 3v3m10-3v3M4 9h16M5 5h14a1 1 0 0 1 1 1v13a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1Zm3 8h3v3H8z",
  // An envelope.
  email: "M4 6h16a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1Zm0 1 8 6 8-6",
};

/** The round icon that says what kind of event a feed line is (the text says it too). */
export function ActivityIcon({ kind }: { kind: ActivityItem["kind"] }) {
  return (
    <span className={cn("flex h-8 w-8 shrink-0 items-center justify-center rounded-full", STYLES[kind])} aria-hidden>
      <svg
        viewBox="0 0 24 24"
        className="h-4 w-4"
        fill="none"
        stroke="currentColor"
        strokeWidth={1.6}
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <path d={PATHS[kind]} />
      </svg>
    </span>
  );
}
