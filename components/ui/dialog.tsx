"use client";

import * as RadixDialog from "@radix-ui/react-dialog";
import type { ReactNode } from "react";
import { cn } from "./cn";

export interface DialogProps {
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** The element that opens it (rendered through Radix `asChild`: pass a Button). Omit for a controlled dialog. */
  trigger?: ReactNode;
  /** Names the dialog for screen readers (an h2). */
  title: ReactNode;
  /** One line under the title; also read out when the dialog opens. */
  description?: ReactNode;
  /** Buttons at the bottom (right-aligned). */
  footer?: ReactNode;
  children?: ReactNode;
  className?: string;
  "data-testid"?: string;
}

const overlay = "fixed inset-0 z-40 bg-slate-900/40 data-[state=open]:animate-in";

function CloseButton() {
  return (
    <RadixDialog.Close
      className="absolute top-3 right-3 rounded-md p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-brand-600"
      aria-label="Close"
    >
      <svg viewBox="0 0 20 20" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth={2} aria-hidden>
        <path d="M5 5l10 10M15 5L5 15" strokeLinecap="round" />
      </svg>
    </RadixDialog.Close>
  );
}

function Header({ title, description }: { title: ReactNode; description?: ReactNode }) {
  return (
    <div className="pr-8">
      <RadixDialog.Title className="text-base font-semibold text-slate-900">{title}</RadixDialog.Title>
      {description ? (
        <RadixDialog.Description className="mt-1 text-sm text-slate-600">{description}</RadixDialog.Description>
      ) : (
        <RadixDialog.Description className="sr-only">{title}</RadixDialog.Description>
      )}
    </div>
  );
}

/** A centred modal dialog (Radix): focus trapped inside, Escape and the close button close it, focus returns to the trigger. */
export function Dialog({ open, onOpenChange, trigger, title, description, footer, children, className, ...rest }: DialogProps) {
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      {trigger ? <RadixDialog.Trigger asChild>{trigger}</RadixDialog.Trigger> : null}
      <RadixDialog.Portal>
        <RadixDialog.Overlay className={overlay} />
        <RadixDialog.Content
          className={cn(
            "fixed top-1/2 left-1/2 z-50 max-h-[90vh] w-[calc(100vw-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl bg-white p-5 shadow-xl focus:outline-none",
            className,
          )}
          data-testid={rest["data-testid"]}
        >
          <Header title={title} description={description} />
          <div className="mt-4">{children}</div>
          {footer ? <div className="mt-5 flex flex-wrap justify-end gap-2">{footer}</div> : null}
          <CloseButton />
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

/** Closes the surrounding Dialog or SideSheet when clicked (wrap a Button: `<DialogClose asChild>`). */
export const DialogClose = RadixDialog.Close;
