"use client";
// Time zone <select> over the browser's IANA list, under current names (Asia/Kolkata, not Asia/Calcutta:
// see lib/agents/time-zones.ts). The server renders only the current value (its ICU data may differ
// from the browser's), then the full list appears after hydration. An agent saved with an old name
// keeps it, shown as such, until someone picks another zone.
import { useSyncExternalStore, type ChangeEvent } from "react";
import { Select } from "@/components/ui/select";
import { canonicalTimeZone, canonicalTimeZones } from "@/lib/agents/time-zones";

let cached: string[] | null = null;
function allTimeZones(): string[] {
  if (!cached) cached = canonicalTimeZones(typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : []);
  return cached;
}

const subscribe = () => () => {};
const label = (zone: string) => zone.replaceAll("_", " ");

/** The option for a stored zone the list does not have: "Asia/Calcutta (now Asia/Kolkata)". */
function storedLabel(value: string): string {
  const current = canonicalTimeZone(value);
  return current && current !== value ? `${label(value)} (now ${label(current)})` : label(value);
}

export function TimezoneSelect({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const zones = useSyncExternalStore(subscribe, allTimeZones, () => null);
  const listed = zones?.includes(value) ?? false;
  return (
    <Select value={value} onChange={(e: ChangeEvent<HTMLSelectElement>) => onChange(e.target.value)}>
      {!listed && <option value={value}>{zones ? storedLabel(value) : label(value)}</option>}
      {zones?.map((zone) => (
        <option key={zone} value={zone}>
          {label(zone)}
        </option>
      ))}
    </Select>
  );
}

/** The browser's own time zone under its current name, if the list has it. */
export function browserTimeZone(): string | null {
  try {
    const zone = canonicalTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
    return zone && allTimeZones().includes(zone) ? zone : null;
  } catch {
    return null;
  }
}
