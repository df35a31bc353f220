import { EmptyState } from "@/components/ui/empty-state";
import { cn } from "@/components/ui/cn";
import type { TranscriptTurn } from "@/lib/services/calls/schemas";

/** The conversation as chat bubbles: the caller on the left, the AI agent (the company's side) on the right. */
export function Transcript({ turns }: { turns: readonly TranscriptTurn[] }) {
  if (turns.length === 0) {
    return <EmptyState compact title="No transcript" description="Nobody spoke on this call, or it has not been analysed yet." />;
  }
  return (
    <ol className="space-y-3" data-testid="transcript">
      {turns.map((turn, i) => {
        const agent = turn.speaker === "agent";
        return (
          <li
            key={i}
            className={cn("flex", agent ? "justify-end" : "justify-start")}
            data-testid="transcript-turn"
            data-speaker={turn.speaker}
          >
            <div
              className={cn(
                "max-w-[85%] rounded-2xl px-3.5 py-2 sm:max-w-[75%]",
                agent ? "rounded-br-md bg-brand-600 text-white" : "rounded-bl-md bg-slate-100 text-slate-900",
              )}
            >
              <p className={cn("text-[11px] font-semibold tracking-wide uppercase", agent ? "text-brand-100" : "text-slate-500")}>
                {agent ? "Agent" : "Caller"}
              </p>
              <p className="text-sm whitespace-pre-line">{turn.text}</p>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
