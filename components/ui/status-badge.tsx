import { Badge, statusTone } from "./badge";

/** "no_show" → "No-show", "half_open" → "Half open". */
export function statusLabel(status: string): string {
  if (status === "no_show" || status === "no-show") return "No-show";
  const words = status.replace(/[_-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export interface StatusBadgeProps {
  status: string;
  /** Text to show instead of the derived label. */
  label?: string;
  className?: string;
}

/** A status as a badge with a dot: colour from `statusTone`, and the status in words (colour is never the only cue). */
export function StatusBadge({ status, label, className }: StatusBadgeProps) {
  const tone = statusTone(status === "no_show" ? "no-show" : status);
  return (
    <Badge tone={tone} dot className={className} data-status={status}>
      {label ?? statusLabel(status)}
    </Badge>
  );
}
