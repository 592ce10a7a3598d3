// Is the agent's office open at a given instant? Opening periods are wall-clock times in the agent's
// IANA time zone, so the instant is turned into that zone's weekday and minute of the day with Intl,
// which also gets DST right: 09:00 is 09:00 local on both sides of a clock change, and a skipped or
// repeated hour is simply whatever the local clock shows then.
// A period never crosses midnight (the schema requires open < close); a night shift is two periods,
// "22:00–24:00" on one day and "00:00–02:00" on the next, and reads correctly here without a special case.
import { businessHoursSchema, type BusinessHours } from "./schemas";
import type { Weekday } from "./options";

const SHORT_TO_DAY: Record<string, Weekday> = {
  Mon: "monday",
  Tue: "tuesday",
  Wed: "wednesday",
  Thu: "thursday",
  Fri: "friday",
  Sat: "saturday",
  Sun: "sunday",
};

/** "09:30" → 570: minutes since the start of the day ("24:00" → 1440). */
export const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The weekday and minute of the day (0–1439) that a clock in `timeZone` shows at `instant`. */
// Building a formatter costs ~0.1 ms (a call's every LLM request reads the clock): one per time zone,
// immutable, bounded by the IANA zones in use.
const clockFormats = new Map<string, Intl.DateTimeFormat>();

export function localClock(instant: Date, timeZone: string): { day: Weekday; minute: number } {
  let format = clockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    clockFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const day = SHORT_TO_DAY[get("weekday")];
  if (!day) throw new Error(`Unexpected weekday "${get("weekday")}" for ${timeZone}`);
  return { day, minute: (Number(get("hour")) % 24) * 60 + Number(get("minute")) };
}

type HoursAgent = { timezone: string; businessHours: unknown };

/**
 * Open at `instant`? Stored hours that do not parse (hand-edited JSON, an older shape) or an unknown
 * time zone count as open: a data mistake must not turn every caller away.
 */
export function isOpenAt(agent: HoursAgent, instant: Date): boolean {
  const parsed = businessHoursSchema.safeParse(agent.businessHours);
  if (!parsed.success) return true;
  let clock: { day: Weekday; minute: number };
  try {
    clock = localClock(instant, agent.timezone);
  } catch {
    return true;
  }
  return isOpenOnClock(parsed.data, clock);
}

function isOpenOnClock(hours: BusinessHours, clock: { day: Weekday; minute: number }): boolean {
  return hours[clock.day].some((p) => clock.minute >= minutes(p.open) && clock.minute < minutes(p.close));
}
