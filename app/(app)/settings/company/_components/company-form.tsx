"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useFieldArray, type Control, type FieldErrors } from "react-hook-form";
import { apiFetch } from "@/components/data/api-fetch";
import { applyApiErrors } from "@/components/forms/apply-api-errors";
import { Field, inputClass } from "@/components/forms/field";
import { useZodForm } from "@/components/forms/use-zod-form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { notify } from "@/components/ui/notify";
import {
  MAX_RANGES_PER_DAY,
  WEEKDAYS,
  updateCompanySettingsBodySchema,
  type CompanySettingsView,
  type Weekday,
} from "@/lib/services/settings/schemas";

type FormValues = {
  name: string;
  timezone: string;
  businessHours: CompanySettingsView["businessHours"];
};

const DAY_NAMES: Record<Weekday, string> = {
  mon: "Monday",
  tue: "Tuesday",
  wed: "Wednesday",
  thu: "Thursday",
  fri: "Friday",
  sat: "Saturday",
  sun: "Sunday",
};

/** Every field the API may name in a 400's details. */
const FIELDS = [
  "name",
  "timezone",
  ...WEEKDAYS.flatMap((d) => [
    `businessHours.${d}`,
    ...Array.from({ length: MAX_RANGES_PER_DAY }, (_, i) => [`businessHours.${d}.${i}.open`, `businessHours.${d}.${i}.close`]).flat(),
  ]),
] as const;

/** inputClass without its full width: two times and a button share a row, on phones too. */
const readOnlyClass = "disabled:cursor-not-allowed disabled:bg-slate-50 disabled:text-slate-600";
const timeInputClass = `${inputClass.replace("w-full", "w-[8.5rem]")} ${readOnlyClass}`;
const textInputClass = `${inputClass} ${readOnlyClass}`;

const valuesOf = (s: CompanySettingsView): FormValues => ({ name: s.name, timezone: s.timezone, businessHours: s.businessHours });

/**
 * Name, time zone and the week's opening hours, validated by the API's own schema (the 400's field
 * details land on the same fields). Without settings:manage every control is disabled (the note above
 * says why) and the API refuses a write regardless.
 */
export function CompanyForm({ initial, canManage, timeZones }: { initial: CompanySettingsView; canManage: boolean; timeZones: string[] }) {
  const router = useRouter();
  const form = useZodForm(updateCompanySettingsBodySchema, { defaultValues: valuesOf(initial) });
  const errors = form.formState.errors as FieldErrors<FormValues>;

  const save = useMutation({
    mutationFn: (patch: Partial<FormValues>) => apiFetch<CompanySettingsView>("/api/v1/settings/company", { method: "PATCH", json: patch }),
    onSuccess: (saved) => {
      form.reset(valuesOf(saved));
      notify.success("Company settings saved", {
        description: saved.timezone !== initial.timezone ? `Days and hours now follow ${saved.timezone.replace(/_/g, " ")}.` : undefined,
      });
      router.refresh();
    },
    onError: (err) => {
      notify.error(err, "Saving the company settings");
      applyApiErrors<FormValues>(err, form.setError, FIELDS as unknown as Array<keyof FormValues>);
    },
  });

  const submit = form.handleSubmit((v) => {
    const dirty = form.formState.dirtyFields;
    const patch: Partial<FormValues> = {};
    if (dirty.name) patch.name = v.name;
    if (dirty.timezone) patch.timezone = v.timezone;
    if (dirty.businessHours) patch.businessHours = v.businessHours as FormValues["businessHours"];
    if (Object.keys(patch).length === 0) return notify.info("Nothing to save");
    save.mutate(patch);
  });

  const control = form.control as unknown as Control<FormValues>;
  return (
    <form onSubmit={submit} noValidate aria-label="Company settings">
      <fieldset disabled={!canManage || save.isPending} className="space-y-6">
        <Card title="Company">
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="Name" error={errors.name?.message}>
              <input className={textInputClass} autoComplete="organization" {...form.register("name")} />
            </Field>
            <Field label="Time zone" error={errors.timezone?.message} hint="The dashboard's days, the calendar and analytics follow it.">
              <select className={textInputClass} {...form.register("timezone")}>
                {timeZones.map((tz) => (
                  <option key={tz} value={tz}>
                    {tz.replace(/_/g, " ")}
                  </option>
                ))}
              </select>
            </Field>
          </div>
        </Card>

        <Card
          title="Business hours"
          description={
            initial.businessHoursDefault && !form.formState.dirtyFields.businessHours
              ? "Not set yet: the calendar uses weekdays 9:00–17:00 until you save your own."
              : "In the company's time zone. A day can have several ranges; a day with none is closed."
          }
        >
          <ul className="divide-y divide-slate-100">
            {WEEKDAYS.map((day) => (
              <DayRow key={day} day={day} control={control} register={form.register} errors={errors} canManage={canManage} />
            ))}
          </ul>
        </Card>

        {errors.root?.server ? (
          <p role="alert" className="text-sm font-medium text-red-700">
            {errors.root.server.message}
          </p>
        ) : null}
        <div className="flex items-center gap-3">
          <Button type="submit" variant="primary" loading={save.isPending} disabled={!canManage}>
            Save changes
          </Button>
          {form.formState.isDirty ? <span className="text-sm text-slate-500">Unsaved changes</span> : null}
        </div>
      </fieldset>
    </form>
  );
}

function DayRow({
  day,
  control,
  register,
  errors,
  canManage,
}: {
  day: Weekday;
  canManage: boolean;
  control: Control<FormValues>;
  register: ReturnType<typeof useZodForm>["register"];
  errors: FieldErrors<FormValues>;
}) {
  const ranges = useFieldArray({ control, name: `businessHours.${day}` });
  const dayErrors = errors.businessHours?.[day];
  const open = ranges.fields.length > 0;
  const name = DAY_NAMES[day];
  return (
    <li className="flex flex-col gap-2 py-3 sm:flex-row sm:items-start" data-testid={`hours-${day}`}>
      <div className="flex w-40 shrink-0 items-center gap-2 pt-2">
        <input
          id={`open-${day}`}
          type="checkbox"
          className="h-4 w-4 rounded border-slate-300 text-brand-600"
          checked={open}
          onChange={(e) => (e.target.checked ? ranges.append({ open: "09:00", close: "17:00" }) : ranges.remove())}
        />
        <label htmlFor={`open-${day}`} className="text-sm font-medium text-slate-800">
          {name}
        </label>
      </div>
      <div className="flex-1 space-y-2">
        {open ? null : <p className="pt-2 text-sm text-slate-500">Closed</p>}
        {ranges.fields.map((f, i) => {
          const e = dayErrors?.[i];
          const errorId = `hours-${day}-${i}-error`;
          const described = e?.open || e?.close ? errorId : undefined;
          return (
            <div key={f.id}>
              <div className="flex flex-wrap items-center gap-2">
                <input
                  type="time"
                  aria-label={`${name}, range ${i + 1}, opens`}
                  aria-invalid={e?.open ? true : undefined}
                  aria-describedby={described}
                  className={timeInputClass}
                  {...register(`businessHours.${day}.${i}.open` as never)}
                />
                <span aria-hidden className="text-slate-500">
                  –
                </span>
                <input
                  type="time"
                  aria-label={`${name}, range ${i + 1}, closes`}
                  aria-invalid={e?.close ? true : undefined}
                  aria-describedby={described}
                  className={timeInputClass}
                  {...register(`businessHours.${day}.${i}.close` as never)}
                />
                <Button
                  type="button"
                  variant="ghost"
                  size="sm"
                  onClick={() => ranges.remove(i)}
                  aria-label={`Remove ${name} range ${i + 1}`}
                >
                  Remove
                </Button>
              </div>
              {e?.open?.message || e?.close?.message ? (
                <p id={errorId} className="mt-1 text-xs font-medium text-red-700">
                  {e?.open?.message ?? e?.close?.message}
                </p>
              ) : null}
            </div>
          );
        })}
        {dayErrors && !Array.isArray(dayErrors) && "message" in dayErrors && dayErrors.message ? (
          <p className="text-xs font-medium text-red-700">{String(dayErrors.message)}</p>
        ) : null}
        {canManage && open && ranges.fields.length < MAX_RANGES_PER_DAY ? (
          <Button
            type="button"
            variant="ghost"
            size="sm"
            onClick={() => ranges.append({ open: "13:00", close: "17:00" })}
            aria-label={`Add a range on ${name}`}
          >
            + Add range
          </Button>
        ) : null}
      </div>
    </li>
  );
}
