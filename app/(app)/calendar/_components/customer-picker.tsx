"use client";

import { useState } from "react";
import { inputClass } from "@/components/forms/field";
import { cn } from "@/components/ui/cn";
import { useCustomerLookup, type CustomerPick } from "./use-appointments";

/** Search existing customers by name, email or phone and pick one (a listbox of results). */
export function CustomerPicker({ value, onChange }: { value: CustomerPick | null; onChange: (c: CustomerPick | null) => void }) {
  const [q, setQ] = useState("");
  const found = useCustomerLookup(q);
  const results = found.data?.data ?? [];
  return (
    <div className="space-y-2">
      <label htmlFor="customer-search" className="text-sm font-medium text-slate-700">
        Find a customer
      </label>
      <input
        id="customer-search"
        type="search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        placeholder="Name, email or phone"
        className={inputClass}
        autoComplete="off"
      />
      {q.trim().length >= 3 ? (
        <ul role="listbox" aria-label="Matching customers" className="max-h-40 overflow-y-auto rounded-lg border border-slate-200">
          {results.length === 0 ? (
            <li className="px-3 py-2 text-sm text-slate-600">
              {found.isFetching ? "Searching…" : "No customer matches. Create one below."}
            </li>
          ) : (
            results.map((c) => (
              <li key={c.id} role="option" aria-selected={value?.id === c.id}>
                <button
                  type="button"
                  onClick={() => onChange(c)}
                  data-testid="customer-option"
                  className={cn(
                    "flex w-full flex-col px-3 py-2 text-left text-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-600",
                    value?.id === c.id && "bg-brand-50",
                  )}
                >
                  <span className="font-medium text-slate-900">{c.name}</span>
                  <span className="text-xs text-slate-500">{[c.phone, c.email].filter(Boolean).join(" · ") || "no contact"}</span>
                </button>
              </li>
            ))
          )}
        </ul>
      ) : null}
    </div>
  );
}
