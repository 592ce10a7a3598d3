"use client";
// Time zone <select> over the browser's IANA list. The server renders only the current value (its
// ICU data may differ from the browser's), then the full list appears after hydration.
import { useSyncExternalStore, type ChangeEvent } from "react";
import { Select } from "@/components/ui/select";

let cached: string[] | null = null;
function allTimeZones(): string[] {
  if (!cached) {
    const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
    cached = [...new Set(["UTC", ...zones])];
  }
  return cached;
}

const subscribe = () => () => {};

export function TimezoneSelect({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const zones = useSyncExternalStore(subscribe, allTimeZones, () => null);
  const options = zones ? (zones.includes(value) ? zones : [value, ...zones]) : [value];
  return (
    <Select value={value} onChange={(e: ChangeEvent<HTMLSelectElement>) => onChange(e.target.value)}>
      {options.map((zone) => (
        <option key={zone} value={zone}>
          {zone.replaceAll("_", " ")}
        </option>
      ))}
    </Select>
  );
}

/** The browser's own time zone, if the list has it. */
export function browserTimeZone(): string | null {
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return zone && allTimeZones().includes(zone) ? zone : null;
  } catch {
    return null;
  }
}
