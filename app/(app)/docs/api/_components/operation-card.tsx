import { InlineCode } from "./inline-code";
import { MethodBadge } from "./method-badge";
import type { OperationView } from "./read-operations";

function Example({ label, value }: { label: string; value: unknown }) {
  return (
    <details className="group mt-3 rounded-lg border border-slate-200 bg-slate-50">
      <summary className="cursor-pointer px-3 py-2 text-xs font-medium text-slate-600 select-none group-open:border-b group-open:border-slate-200">
        {label}
      </summary>
      <pre className="max-h-96 overflow-auto px-3 py-2 text-xs leading-relaxed text-slate-800">{JSON.stringify(value, null, 2)}</pre>
    </details>
  );
}

/** One endpoint of the reference: method, path, who may call it, parameters, examples. */
export function OperationCard({ op }: { op: OperationView }) {
  const access = op.isPublic ? "public" : (op.permission ?? "any credential");
  return (
    <article id={op.id} className="scroll-mt-6 rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="api-operation">
      <header className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <MethodBadge method={op.method} />
        <code className="font-mono text-sm font-medium break-all text-slate-900">{op.path}</code>
        <span className="ml-auto flex gap-2">
          <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700" title="Role permission or API key scope needed">
            {access}
          </span>
          {op.cache ? <span className="rounded-full bg-brand-50 px-2 py-0.5 text-xs text-brand-700">cached · X-Cache</span> : null}
        </span>
      </header>
      <p className="mt-2 text-sm text-slate-700">{op.summary}</p>
      {op.description ? (
        <p className="mt-1 text-sm text-slate-500">
          <InlineCode text={op.description} />
        </p>
      ) : null}

      {op.parameters.length > 0 ? (
        <div className="mt-3 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="text-xs text-slate-500 uppercase">
              <tr>
                <th className="py-1 pr-4 font-medium">Parameter</th>
                <th className="py-1 pr-4 font-medium">In</th>
                <th className="py-1 font-medium">Type</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {op.parameters.map((p) => (
                <tr key={`${p.in}:${p.name}`} className="align-top">
                  <td className="py-1.5 pr-4 font-mono text-xs whitespace-nowrap">
                    {p.name}
                    {p.required ? <span className="ml-1 text-red-600">*</span> : null}
                  </td>
                  <td className="py-1.5 pr-4 text-xs text-slate-500">{p.in}</td>
                  <td className="py-1.5 text-xs text-slate-700">
                    <span className="font-mono">{p.type}</span>
                    {p.description ? (
                      <span className="block text-slate-500">
                        <InlineCode text={p.description} />
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {op.requestExample !== undefined ? <Example label="Example request body" value={op.requestExample} /> : null}
      {op.responseExample !== undefined ? <Example label={`Example response · ${op.status}`} value={op.responseExample} /> : null}
      {op.errors.length > 0 ? (
        <p className="mt-3 text-xs text-slate-500">
          Errors (<code className="font-mono">{"{error:{code, message, requestId, details?}}"}</code>): {op.errors.join(", ")}
        </p>
      ) : null}
    </article>
  );
}
