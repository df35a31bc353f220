"use client";

import * as RadixTabs from "@radix-ui/react-tabs";
import type { ReactNode } from "react";
import { cn } from "./cn";

export interface TabItem<V extends string = string> {
  value: V;
  label: ReactNode;
  /** The panel; omit when the tabs only switch a view rendered elsewhere (then they act as a segmented control). */
  content?: ReactNode;
  disabled?: boolean;
}

export interface TabsProps<V extends string = string> {
  /** Names the tab list for screen readers. */
  label: string;
  items: ReadonlyArray<TabItem<V>>;
  value: V;
  onValueChange: (value: V) => void;
  className?: string;
}

/** Radix tabs: arrow keys move between tabs, the active one is `aria-selected`. */
export function Tabs<V extends string = string>({ label, items, value, onValueChange, className }: TabsProps<V>) {
  return (
    <RadixTabs.Root value={value} onValueChange={(v) => onValueChange(v as V)} className={className}>
      <RadixTabs.List aria-label={label} className="inline-flex rounded-lg bg-slate-100 p-0.5">
        {items.map((t) => (
          <RadixTabs.Trigger
            key={t.value}
            value={t.value}
            disabled={t.disabled}
            className={cn(
              "rounded-md px-3 py-1.5 text-sm font-medium text-slate-600 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-600",
              "data-[state=active]:bg-white data-[state=active]:text-slate-900 data-[state=active]:shadow-sm disabled:opacity-50",
            )}
          >
            {t.label}
          </RadixTabs.Trigger>
        ))}
      </RadixTabs.List>
      {items.map((t) => (
        // Every tab gets its panel, so each tab's aria-controls names an element (an empty one when the
        // tabs only switch a view rendered elsewhere).
        <RadixTabs.Content
          key={t.value}
          value={t.value}
          className={t.content === undefined ? "sr-only" : "mt-4 focus-visible:outline-2 focus-visible:outline-brand-600"}
          tabIndex={t.content === undefined ? -1 : undefined}
        >
          {t.content}
        </RadixTabs.Content>
      ))}
    </RadixTabs.Root>
  );
}
