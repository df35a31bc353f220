"use client";

import { Badge, type BadgeTone } from "@/components/ui/badge";
import { useNow } from "@/components/hooks/use-now";
import { POLL_MS, type ConnectionMode } from "./use-health-stream";

const LABEL: Record<ConnectionMode, { text: string; tone: BadgeTone }> = {
  connecting: { text: "Connecting…", tone: "neutral" },
  live: { text: "Live", tone: "success" },
  reconnecting: { text: "Reconnecting…", tone: "warning" },
  polling: { text: `Updating every ${POLL_MS / 1000} s`, tone: "info" },
  stopped: { text: "Stopped", tone: "danger" },
};

/** The feed's state in words (announced politely when it changes) and how fresh the numbers are. */
export function ConnectionBadge({ mode, receivedAt }: { mode: ConnectionMode; receivedAt: number | null }) {
  const now = useNow(1_000);
  const { text, tone } = LABEL[mode];
  const age = now !== null && receivedAt !== null ? Math.max(0, Math.round((now - receivedAt) / 1000)) : null;
  return (
    <div className="flex items-center gap-2 text-xs text-slate-500">
      <span role="status" aria-live="polite">
        <Badge
          tone={tone}
          dot
          data-testid="connection-status"
          data-mode={mode}
          className={mode === "live" ? "[&>span]:animate-pulse" : undefined}
        >
          {text}
        </Badge>
      </span>
      {age !== null ? <span data-testid="updated-ago">{age <= 1 ? "updated just now" : `updated ${age} s ago`}</span> : null}
    </div>
  );
}
