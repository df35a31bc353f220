import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { CallDetail } from "@/lib/services/calls/schemas";

type Analysis = NonNullable<CallDetail["analysis"]>;

const yesNo = (v: boolean | null) => (v === null ? "—" : v ? "Yes" : "No");

/** "appointment_booked" → "Appointment booked". */
function labelOf(key: string): string {
  const words = key
    .replace(/[_-]+/g, " ")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function valueOf(v: unknown): string {
  if (v === null || v === undefined || v === "") return "—";
  if (typeof v === "boolean") return v ? "Yes" : "No";
  if (typeof v === "string") return v.replace(/_/g, " ");
  if (typeof v === "number") return String(v);
  return JSON.stringify(v);
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <div className="flex items-baseline justify-between gap-3 py-1.5">
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd className="text-right text-sm font-medium break-words text-slate-900">{value}</dd>
    </div>
  );
}

/** Retell's analysis: sentiment, success, voicemail, and the agent's custom extraction. */
export function AnalysisCard({ analysis, className }: { analysis: Analysis | null; className?: string }) {
  return (
    <Card title="Analysis" className={className} data-testid="call-analysis">
      {analysis ? (
        <>
          {analysis.summary ? <p className="mb-2 text-sm text-slate-700">{analysis.summary}</p> : null}
          <dl className="divide-y divide-slate-100">
            <Row label="Caller sentiment" value={analysis.userSentiment ?? "—"} />
            <Row label="Successful" value={yesNo(analysis.successful)} />
            <Row label="Reached voicemail" value={yesNo(analysis.inVoicemail)} />
            {Object.entries(analysis.custom).map(([k, v]) => (
              <Row key={k} label={labelOf(k)} value={valueOf(v)} />
            ))}
          </dl>
        </>
      ) : (
        <EmptyState compact title="Not analysed" description="The analysis arrives shortly after a call ends." />
      )}
    </Card>
  );
}
