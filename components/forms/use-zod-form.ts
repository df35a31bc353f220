"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, type DefaultValues, type FieldValues, type UseFormProps } from "react-hook-form";
import type { z } from "zod";
import "./zod-jitless";

/**
 * `useForm` validated by a zod schema (the same kind the API validates with), errors shown on blur
 * then on change: `const form = useZodForm(schema, { defaultValues })`. Importing it turns zod's
 * jitless mode on (./zod-jitless: no eval under the page CSP).
 */
export function useZodForm<S extends z.ZodType<FieldValues, FieldValues>>(
  schema: S,
  opts: Omit<UseFormProps<z.input<S>, unknown, z.output<S>>, "resolver"> & { defaultValues?: DefaultValues<z.input<S>> } = {},
) {
  return useForm<z.input<S>, unknown, z.output<S>>({ mode: "onTouched", ...opts, resolver: zodResolver(schema) });
}
