"use client";

import { formatDistanceStrict } from "date-fns";
import { formatClockMs, formatNumber } from "@/components/charts/format";
import { useNow } from "@/components/hooks/use-now";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { BreakerState, BreakerStateView, BreakerTransitionView } from "@/lib/metrics/breaker-source";
import { FallbackAnswers, otherFallbacks } from "./fallback-answers";

const STATE: Record<BreakerState, { text: string; tone: BadgeTone }> = {
  closed: { text: "Closed", tone: "success" },
  half_open: { text: "Half-open", tone: "warning" },
  open: { text: "Open", tone: "danger" },
};

/** Human names for the known dependencies; remote instances keep their own. */
const NAMES: Record<string, string> = { calcom: "Cal.com", retell: "Retell.ai", stripe: "Stripe", sendgrid: "SendGrid" };
const nameOf = (n: string) => NAMES[n] ?? n;

function StateBadge({ state }: { state: BreakerState }) {
  const s = STATE[state] ?? { text: state, tone: "neutral" as const };
  return (
    <Badge tone={s.tone} dot>
      {s.text}
    </Badge>
  );
}

export interface BreakersPanelProps {
  breakers: { states: BreakerStateView[]; transitions: BreakerTransitionView[] } | null;
  /** Answers served from a fallback in the last 60 s, by dependency. */
  fallbacks: Record<string, number> | null;
}

/** Platform view: every circuit breaker's state and the recent transitions, newest first. */
export function BreakersPanel({ breakers, fallbacks }: BreakersPanelProps) {
  const now = useNow(1_000);
  if (!breakers) {
    return (
      <Card title="Circuit breakers">
        <p className="text-sm text-slate-500">Breaker states could not be read just now.</p>
        <FallbackAnswers entries={otherFallbacks(fallbacks, [])} />
      </Card>
    );
  }
  const open = breakers.states.filter((b) => b.state !== "closed").length;
  return (
    <Card title="Circuit breakers" description={open === 0 ? "All closed: every dependency is answering" : `${open} not closed`}>
      <ul className="grid gap-2 sm:grid-cols-2" aria-label="Breaker states">
        {breakers.states.map((b) => (
          <li key={b.name} data-testid={`breaker-${b.name}`} data-state={b.state} className="rounded-lg border border-slate-200 px-3 py-2">
            <div className="flex items-center justify-between gap-2">
              <span className="truncate text-sm font-medium" title={b.name}>
                {nameOf(b.name)}
              </span>
              <StateBadge state={b.state} />
            </div>
            <p className="mt-0.5 text-xs text-slate-500">
              {b.state === "open" && b.openUntil && now !== null
                ? `Probe in ${Math.max(0, Math.ceil((b.openUntil - now) / 1000))} s`
                : b.since && now !== null
                  ? `Changed ${formatDistanceStrict(b.since, now, { addSuffix: true })}`
                  : "Never tripped"}
              {b.failuresInWindow ? ` · ${b.failuresInWindow} recent failure${b.failuresInWindow === 1 ? "" : "s"}` : ""}
              {fallbacks?.[b.name] ? ` · ${formatNumber(fallbacks[b.name]!)} fallback answers` : ""}
            </p>
          </li>
        ))}
      </ul>
      <FallbackAnswers
        entries={otherFallbacks(
          fallbacks,
          breakers.states.map((b) => b.name),
        )}
      />
      <h3 className="mt-4 text-xs font-medium text-slate-500">Recent transitions</h3>
      {breakers.transitions.length === 0 ? (
        <p className="mt-1 text-sm text-slate-500">None recorded: no breaker has opened.</p>
      ) : (
        <ol className="mt-2 space-y-2 border-l border-slate-200 pl-4" data-testid="breaker-transitions">
          {breakers.transitions.slice(0, 12).map((t) => (
            <li key={`${t.name}-${t.at}-${t.to}`} className="relative text-sm">
              <span className="absolute top-1.5 -left-[21px] h-2 w-2 rounded-full bg-slate-300 ring-2 ring-white" aria-hidden />
              <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
                <time dateTime={new Date(t.at).toISOString()} className="text-xs text-slate-500 tabular-nums">
                  {formatClockMs(t.at)}
                </time>
                <span className="font-medium">{nameOf(t.name)}</span>
                <StateBadge state={t.from} />
                <span aria-label="to">→</span>
                <StateBadge state={t.to} />
              </div>
              {t.cause ? <p className="mt-0.5 text-xs text-slate-500">{t.cause}</p> : null}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
