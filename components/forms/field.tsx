"use client";

import * as Label from "@radix-ui/react-label";
import { cloneElement, isValidElement, useId, type ReactElement, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";

export interface FieldProps {
  label: ReactNode;
  /** The form's error for this field (`formState.errors.x?.message`). */
  error?: string;
  /** One line of help under the input. */
  hint?: ReactNode;
  /** One input-like element (input, textarea, select): gets id, aria-invalid and aria-describedby. */
  children: ReactElement<Record<string, unknown>>;
  className?: string;
}

/** The class for text inputs, selects and textareas inside a Field. */
export const inputClass =
  "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:ring-2 focus:ring-brand-100 focus:outline-none aria-[invalid=true]:border-red-500";

/**
 * A labelled form control with its error: the label points at the input, the input is marked
 * `aria-invalid` and described by the hint and the error (read out as the field gets focus).
 */
export function Field({ label, error, hint, children, className }: FieldProps) {
  const autoId = useId();
  const id = (isValidElement(children) && typeof children.props.id === "string" ? children.props.id : null) ?? autoId;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cn("flex flex-col gap-1", className)}>
      <Label.Root htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
      </Label.Root>
      {cloneElement(children, { id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      {hint ? (
        <p id={hintId} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-xs font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
