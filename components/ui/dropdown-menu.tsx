"use client";

import * as Menu from "@radix-ui/react-dropdown-menu";
import type { ReactNode } from "react";
import { cn } from "./cn";

export interface MenuItem {
  label: ReactNode;
  onSelect: () => void;
  /** Red text for destructive actions. */
  danger?: boolean;
  disabled?: boolean;
  "data-testid"?: string;
}

export interface DropdownMenuProps {
  /** The button that opens it (rendered through `asChild`: pass a Button with an accessible name). */
  trigger: ReactNode;
  items: ReadonlyArray<MenuItem>;
  align?: "start" | "end";
}

/** A Radix menu: arrow keys, typeahead, Escape; each item is a `menuitem`. */
export function DropdownMenu({ trigger, items, align = "end" }: DropdownMenuProps) {
  return (
    <Menu.Root>
      <Menu.Trigger asChild>{trigger}</Menu.Trigger>
      <Menu.Portal>
        <Menu.Content
          align={align}
          sideOffset={4}
          className="z-50 min-w-40 rounded-lg border border-slate-200 bg-white p-1 text-sm shadow-lg"
        >
          {items.map((item, i) => (
            <Menu.Item
              key={i}
              disabled={item.disabled}
              onSelect={item.onSelect}
              data-testid={item["data-testid"]}
              className={cn(
                "cursor-pointer rounded-md px-2.5 py-1.5 outline-none select-none data-[disabled]:cursor-not-allowed data-[disabled]:opacity-50",
                item.danger ? "text-red-700 data-[highlighted]:bg-red-50" : "text-slate-800 data-[highlighted]:bg-slate-100",
              )}
            >
              {item.label}
            </Menu.Item>
          ))}
        </Menu.Content>
      </Menu.Portal>
    </Menu.Root>
  );
}
