const COLORS: Record<string, string> = {
  GET: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  POST: "bg-brand-50 text-brand-700 ring-brand-600/20",
  PATCH: "bg-amber-50 text-amber-700 ring-amber-600/20",
  PUT: "bg-amber-50 text-amber-700 ring-amber-600/20",
  DELETE: "bg-red-50 text-red-700 ring-red-600/20",
};

export function MethodBadge({ method }: { method: string }) {
  return (
    <span
      className={`inline-flex w-16 shrink-0 justify-center rounded-md px-2 py-0.5 font-mono text-xs font-semibold ring-1 ring-inset ${COLORS[method] ?? "bg-slate-100 text-slate-700 ring-slate-500/20"}`}
    >
      {method}
    </span>
  );
}
