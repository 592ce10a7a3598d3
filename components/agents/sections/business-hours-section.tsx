"use client";
import { AFTER_HOURS_ACTIONS, LIMITS, WEEKDAYS, type Weekday } from "@/lib/agents/options";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Field, FieldError } from "@/components/ui/field";
import { PlusIcon, TrashIcon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { Textarea } from "@/components/ui/textarea";
import { TimezoneSelect } from "../timezone-select";
import type { AfterHoursActionValue, OpeningPeriod } from "../types";
import { FormSection } from "./form-section";
import type { SectionProps } from "./types";

const MAX_PERIODS = 4;
const DAY_LABEL: Record<Weekday, string> = {
  monday: "Monday",
  tuesday: "Tuesday",
  wednesday: "Wednesday",
  thursday: "Thursday",
  friday: "Friday",
  saturday: "Saturday",
  sunday: "Sunday",
};

function minutesOf(time: string): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}
function timeOf(minutes: number): string {
  const m = Math.min(Math.max(minutes, 0), 24 * 60) % (24 * 60);
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

/** A new period an hour after the last one ends (or the usual 9 to 5 for the first). */
function nextPeriod(periods: OpeningPeriod[]): OpeningPeriod {
  const last = periods[periods.length - 1];
  const lastClose = last ? minutesOf(last.close) : null;
  if (!last || lastClose === null || lastClose === 0 || lastClose >= 22 * 60) return { open: "09:00", close: "17:00" };
  return { open: timeOf(lastClose + 60), close: timeOf(Math.min(lastClose + 4 * 60, 24 * 60)) };
}

export function BusinessHoursSection({ draft, errors, update, readOnly }: SectionProps) {
  const setDay = (day: Weekday, periods: OpeningPeriod[]) =>
    update("businessHours", { ...draft.businessHours, [day]: periods }, [`businessHours.${day}`, "businessHours"]);

  return (
    <FormSection
      id="business-hours"
      title="Business hours"
      description="When you are open, in the time zone below. Outside these hours the after-hours action applies."
    >
      <Field id="agent-timezone" label="Time zone" error={errors.timezone}>
        <TimezoneSelect value={draft.timezone} onChange={(v) => update("timezone", v)} />
      </Field>

      {errors.businessHours && <FieldError id="agent-business-hours-error">{errors.businessHours}</FieldError>}

      <div className="divide-y divide-zinc-100 rounded-lg border border-zinc-200">
        {WEEKDAYS.map((day) => {
          const periods = draft.businessHours[day];
          const open = periods.length > 0;
          const label = DAY_LABEL[day];
          const dayError = errors[`businessHours.${day}`];
          const dayErrorId = `hours-${day}-error`;
          return (
            <div key={day} role="group" aria-labelledby={`hours-${day}-label`} className="flex flex-col gap-3 px-3 py-3 sm:flex-row sm:items-start sm:px-4">
              <div className="flex h-10 w-36 shrink-0 items-center gap-3">
                <Switch
                  size="sm"
                  checked={open}
                  aria-label={`Open on ${label}`}
                  onChange={(isOpen) => setDay(day, isOpen ? [nextPeriod([])] : [])}
                />
                <span id={`hours-${day}-label`} className="text-sm font-medium text-zinc-800">
                  {label}
                </span>
              </div>
              <div className="min-w-0 flex-1 space-y-2">
                {!open && <p className="flex h-10 items-center text-sm text-zinc-500">Closed</p>}
                {periods.map((period, i) => {
                  const base = `businessHours.${day}.${i}`;
                  const openError = errors[`${base}.open`];
                  const closeError = errors[`${base}.close`];
                  const periodError = errors[base];
                  const suffix = i === 0 ? "" : ` ${i + 1}`;
                  const errorIdFor = (part: string) => `hours-${day}-${i}-${part}-error`;
                  const change = (patch: Partial<OpeningPeriod>) =>
                    update(
                      "businessHours",
                      { ...draft.businessHours, [day]: periods.map((p, n) => (n === i ? { ...p, ...patch } : p)) },
                      [`${base}.open`, `${base}.close`, base, `businessHours.${day}`],
                    );
                  const describedBy = (own?: string, part?: string) =>
                    [own && part ? errorIdFor(part) : null, periodError ? errorIdFor("period") : null, dayError ? dayErrorId : null]
                      .filter(Boolean)
                      .join(" ") || undefined;
                  return (
                    <div key={i}>
                      <div className="flex items-center gap-1.5 sm:gap-2">
                        <Input
                          type="time"
                          aria-label={`${label} opening time${suffix}`}
                          value={period.open}
                          onChange={(e) => change({ open: e.target.value })}
                          aria-invalid={Boolean(openError || periodError) || undefined}
                          aria-describedby={describedBy(openError, "open")}
                          className="min-w-0 flex-1 px-2 tabular-nums max-sm:[&::-webkit-calendar-picker-indicator]:hidden sm:w-32 sm:flex-none sm:px-3"
                        />
                        <span className="text-sm text-zinc-500">to</span>
                        <Input
                          type="time"
                          aria-label={`${label} closing time${suffix}`}
                          value={period.close}
                          onChange={(e) => change({ close: e.target.value })}
                          aria-invalid={Boolean(closeError || periodError) || undefined}
                          aria-describedby={describedBy(closeError, "close")}
                          className="min-w-0 flex-1 px-2 tabular-nums max-sm:[&::-webkit-calendar-picker-indicator]:hidden sm:w-32 sm:flex-none sm:px-3"
                        />
                        {!readOnly && (
                          <button
                            type="button"
                            onClick={() => setDay(day, periods.filter((_, n) => n !== i))}
                            className="focus-ring shrink-0 rounded-md p-2 text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700 disabled:pointer-events-none"
                          >
                            <TrashIcon className="size-4" />
                            <span className="sr-only">
                              Remove {label} period{suffix || " 1"}
                            </span>
                          </button>
                        )}
                      </div>
                      {period.close === "00:00" && !closeError && (
                        <p className="mt-1 text-xs text-zinc-500">Closes at midnight.</p>
                      )}
                      {openError && <FieldError id={errorIdFor("open")}>{openError}</FieldError>}
                      {closeError && <FieldError id={errorIdFor("close")}>{closeError}</FieldError>}
                      {periodError && <FieldError id={errorIdFor("period")}>{periodError}</FieldError>}
                    </div>
                  );
                })}
                {open && !readOnly && periods.length < MAX_PERIODS && (
                  <Button
                    variant="accent-ghost"
                    size="sm"
                    icon={<PlusIcon className="size-4" />}
                    onClick={() => setDay(day, [...periods, nextPeriod(periods)])}
                    className="-ml-2"
                  >
                    Add period<span className="sr-only"> on {label}</span>
                  </Button>
                )}
                {dayError && <FieldError id={dayErrorId}>{dayError}</FieldError>}
              </div>
            </div>
          );
        })}
      </div>

      <div className="grid gap-5 sm:grid-cols-2">
        <Field id="agent-after-hours-action" label="After-hours action" error={errors.afterHoursAction}>
          <Select value={draft.afterHoursAction} onChange={(e) => update("afterHoursAction", e.target.value as AfterHoursActionValue)}>
            {AFTER_HOURS_ACTIONS.map((a) => (
              <option key={a.value} value={a.value}>
                {a.label}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field
        id="agent-after-hours-message"
        label="After-hours message"
        optional
        error={errors.afterHoursMessage}
        hint="What callers hear outside business hours, e.g. when you reopen."
        aside={
          <span
            className={cn(
              "text-xs tabular-nums",
              draft.afterHoursMessage.length > LIMITS.afterHoursMessageMax ? "font-medium text-red-700" : "text-zinc-500",
            )}
          >
            {draft.afterHoursMessage.length} / {LIMITS.afterHoursMessageMax}
          </span>
        }
      >
        <Textarea rows={2} value={draft.afterHoursMessage} onChange={(e) => update("afterHoursMessage", e.target.value)} />
      </Field>
    </FormSection>
  );
}
