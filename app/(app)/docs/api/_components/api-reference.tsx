import { buildOpenApiDocument } from "@/lib/openapi/build-openapi-document";
import { InlineCode } from "./inline-code";
import { OperationCard } from "./operation-card";
import { readOperations } from "./read-operations";

/** The API reference, rendered from the same OpenAPI document /api/openapi.json serves. */
export function ApiReference() {
  const doc = buildOpenApiDocument();
  const info = doc.info as { title: string; version: string; description: string };
  const tags = readOperations(doc);

  return (
    <div className="max-w-5xl">
      <header className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">API reference</h1>
        <span className="rounded-full bg-slate-100 px-2 py-0.5 font-mono text-xs text-slate-600">version {info.version}</span>
        <a href="/api/openapi.json" className="ml-auto text-sm font-medium text-brand-600 hover:text-brand-700">
          OpenAPI document (JSON) →
        </a>
      </header>
      <div className="mt-3 space-y-2 text-sm text-slate-600">
        {info.description.split("\n\n").map((para) => (
          <p key={para.slice(0, 40)}>
            <InlineCode text={para} />
          </p>
        ))}
      </div>

      <nav aria-label="API sections" className="mt-6 flex flex-wrap gap-2">
        {tags.map((t) => (
          <a
            key={t.name}
            href={`#tag-${t.name.replace(/\s+/g, "-").toLowerCase()}`}
            className="rounded-lg border border-slate-200 bg-white px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-100"
          >
            {t.name} <span className="text-slate-400">{t.operations.length}</span>
          </a>
        ))}
      </nav>

      {tags.map((t) => (
        <section key={t.name} id={`tag-${t.name.replace(/\s+/g, "-").toLowerCase()}`} className="mt-10 scroll-mt-6">
          <h2 className="text-lg font-semibold tracking-tight">{t.name}</h2>
          <p className="text-sm text-slate-500">{t.description}</p>
          <div className="mt-4 space-y-4">
            {t.operations.map((op) => (
              <OperationCard key={`${op.method} ${op.path}`} op={op} />
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}
