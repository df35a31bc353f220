import type { TimelineItem } from "@/lib/services/customers/schemas";

const PATHS: Record<TimelineItem["kind"], string> = {
  // A handset.
  call: "M5 4h3l1.5 4-2 1.5a11 11 0 0 0 5 5l1.5-2 4 1.5v3a2 2 0 0 1-2 2A15 15 0 0 1 3 6a2 2 0 0 1 2-2z",
  // A calendar page.
  appointment: "M4 6h16v14H4zM4 10h16M8 3v4m8-4v4",
  // An envelope.
  email: "M3 6h18v12H3zM3 7l9 6 9-6",
};

const TONES: Record<TimelineItem["kind"], string> = {
  call: "bg-brand-50 text-brand-700",
  appointment: "bg-emerald-50 text-emerald-700",
  email: "bg-amber-50 text-amber-700",
};

/** One icon per kind of timeline item; decorative (the item's text says what it is). */
export function TimelineIcon({ kind }: { kind: TimelineItem["kind"] }) {
  return (
    <span className={`flex h-8 w-8 shrink-0 items-center justify-center rounded-full ${TONES[kind]}`} aria-hidden>
      <svg
        viewBox="0 0 24 24"
        className="h-4 w-4"
        fill="none"
        stroke="currentColor"
        strokeWidth={1.8}
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <path d={PATHS[kind]} />
      </svg>
    </span>
  );
}
