"use client";

import * as AlertDialog from "@radix-ui/react-alert-dialog";
import type { ReactNode } from "react";
import { Button, type ButtonVariant } from "./button";

export interface ConfirmDialogProps {
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** The element that opens it (a Button); omit when controlled. */
  trigger?: ReactNode;
  title: ReactNode;
  /** What will happen, in plain words. */
  description: ReactNode;
  /** Extra content between the description and the buttons (e.g. a reason field). */
  children?: ReactNode;
  confirmLabel?: string;
  cancelLabel?: string;
  /** "danger" (default) for destructive actions. */
  tone?: Extract<ButtonVariant, "danger" | "primary">;
  /** Shows a spinner on the confirm button and keeps the dialog open. */
  pending?: boolean;
  /** Disables the confirm button (e.g. until a required reason is typed). */
  confirmDisabled?: boolean;
  /** Called on confirm; the dialog stays open until the caller closes it (controlled) or closes right away (uncontrolled). */
  onConfirm: () => void;
}

/** "Are you sure?" as a Radix alert dialog: focus starts on Cancel, Escape cancels, the confirm button names the action. */
export function ConfirmDialog({
  open,
  onOpenChange,
  trigger,
  title,
  description,
  children,
  confirmLabel = "Confirm",
  cancelLabel = "Cancel",
  tone = "danger",
  pending = false,
  confirmDisabled = false,
  onConfirm,
}: ConfirmDialogProps) {
  const controlled = open !== undefined;
  return (
    <AlertDialog.Root open={open} onOpenChange={onOpenChange}>
      {trigger ? <AlertDialog.Trigger asChild>{trigger}</AlertDialog.Trigger> : null}
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <AlertDialog.Content className="fixed top-1/2 left-1/2 z-50 w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-5 shadow-xl focus:outline-none">
          <AlertDialog.Title className="text-base font-semibold text-slate-900">{title}</AlertDialog.Title>
          <AlertDialog.Description className="mt-1 text-sm text-slate-600">{description}</AlertDialog.Description>
          {children ? <div className="mt-4">{children}</div> : null}
          <div className="mt-5 flex flex-wrap justify-end gap-2">
            <AlertDialog.Cancel asChild>
              <Button disabled={pending}>{cancelLabel}</Button>
            </AlertDialog.Cancel>
            {controlled ? (
              <Button variant={tone} loading={pending} disabled={confirmDisabled} onClick={onConfirm}>
                {confirmLabel}
              </Button>
            ) : (
              <AlertDialog.Action asChild>
                <Button variant={tone} loading={pending} disabled={confirmDisabled} onClick={onConfirm}>
                  {confirmLabel}
                </Button>
              </AlertDialog.Action>
            )}
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
