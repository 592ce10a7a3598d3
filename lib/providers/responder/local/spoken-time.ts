// Opening hours as a receptionist would say them, in the agent's time zone. Two registers: natural
// ("from 9 in the morning to 1 in the afternoon") for a day's hours, clock ("until 5 PM", "at 9 AM")
// for the moment-to-moment answers. Periods never cross midnight (see business-hours.ts), so an
// overnight opening is "…until 24:00" followed by "00:00…" the next day, and is followed here.
import { localClock, minutes as toMinutes } from "../../../agents/business-hours";
import { WEEKDAYS, type Weekday } from "../../../agents/options";
import type { BusinessHours } from "../../../agents/schemas";

type Period = BusinessHours[Weekday][number];
export type WeekHours = BusinessHours;

const DAY_MINUTES = 1440;
const dayName = (d: Weekday) => d[0]!.toUpperCase() + d.slice(1);
const sorted = (ps: readonly Period[]) => [...ps].sort((a, b) => a.open.localeCompare(b.open));
const isAllDay = (ps: readonly Period[]) => ps.length === 1 && ps[0]!.open === "00:00" && ps[0]!.close === "24:00";

function hourOnly(min: number): string {
  const h = Math.floor(min / 60) % 24;
  const m = min % 60;
  const h12 = h % 12 || 12;
  return m === 0 ? `${h12}` : `${h12}:${String(m).padStart(2, "0")}`;
}

/** "9 AM", "5:30 PM", "noon", "midnight". */
export function clockTime(min: number): string {
  if (min % DAY_MINUTES === 0) return "midnight";
  if (min === 720) return "noon";
  return `${hourOnly(min)} ${min < 720 ? "AM" : "PM"}`;
}

function partOfDay(min: number): string {
  if (min < 720) return "in the morning";
  if (min < 1080) return "in the afternoon";
  if (min < 1260) return "in the evening";
  return "at night";
}

const special = (min: number) => min % DAY_MINUTES === 0 || min === 720;
const natural = (min: number) => (special(min) ? clockTime(min) : `${hourOnly(min)} ${partOfDay(min)}`);

/** "from 1 to 5 in the afternoon", "from 9 in the morning to noon". */
export function rangePhrase(p: Period): string {
  const a = toMinutes(p.open);
  const b = toMinutes(p.close);
  if (!special(a) && !special(b) && partOfDay(a) === partOfDay(b)) return `from ${hourOnly(a)} to ${hourOnly(b)} ${partOfDay(a)}`;
  return `from ${natural(a)} to ${natural(b)}`;
}

const periodsPhrase = (ps: readonly Period[]) => (isAllDay(ps) ? "24 hours" : sorted(ps).map(rangePhrase).join(", and "));

export type DayLabel = { kind: "weekday"; day: Weekday } | { kind: "today" } | { kind: "tomorrow" };

/** "On Saturday we're open from 9 in the morning to 1 in the afternoon." / "We're closed on Sundays." */
export function dayHoursSentence(hours: WeekHours, day: Weekday, label: DayLabel): string {
  const ps = hours[day];
  if (ps.length === 0) {
    if (label.kind === "today") return "We're closed today.";
    if (label.kind === "tomorrow") return `We're closed tomorrow, ${dayName(day)}.`;
    return `We're closed on ${dayName(day)}s.`;
  }
  const lead = label.kind === "today" ? "Today" : label.kind === "tomorrow" ? "Tomorrow" : `On ${dayName(day)}`;
  return `${lead} we're open ${periodsPhrase(ps)}.`;
}

function dayList(days: Weekday[]): string {
  if (days.length >= 3) return `${dayName(days[0]!)} to ${dayName(days[days.length - 1]!)}`;
  return days.map(dayName).join(" and ");
}

/** The whole week in one or two sentences, consecutive days with the same hours grouped. */
export function weekHoursSentence(hours: WeekHours): string {
  const key = (d: Weekday) => JSON.stringify(sorted(hours[d]));
  const groups: Weekday[][] = [];
  for (const d of WEEKDAYS) {
    const last = groups[groups.length - 1];
    if (last && key(last[0]!) === key(d)) last.push(d);
    else groups.push([d]);
  }
  const open = groups.filter((g) => hours[g[0]!].length > 0);
  const closed = WEEKDAYS.filter((d) => hours[d].length === 0);
  if (open.length === 0) return "I'm sorry, we don't have any opening hours listed.";
  if (closed.length === 0 && open.length === 1 && isAllDay(hours.monday)) return "We're open 24 hours a day, every day.";
  const parts = open.map((g) => `${dayList(g)} ${periodsPhrase(hours[g[0]!])}`);
  const openText = parts.length > 1 ? `${parts.slice(0, -1).join("; ")}; and ${parts[parts.length - 1]}` : parts[0];
  const closedText = closed.length > 0 ? ` We're closed on ${closed.length === 1 ? dayName(closed[0]!) : `${closed.slice(0, -1).map(dayName).join(", ")} and ${dayName(closed[closed.length - 1]!)}`}.` : "";
  return `We're open ${openText}.${closedText}`;
}

export interface LocalNow {
  day: Weekday;
  dayIndex: number;
  minute: number;
}

/** The agent's local weekday and minute at `now`; an unknown zone falls back to UTC rather than failing the call. */
export function localNow(now: Date, timeZone: string): LocalNow {
  let clock: { day: Weekday; minute: number };
  try {
    clock = localClock(now, timeZone);
  } catch {
    clock = localClock(now, "UTC");
  }
  return { ...clock, dayIndex: WEEKDAYS.indexOf(clock.day) };
}

const dayAt = (n: LocalNow, offset: number) => WEEKDAYS[(n.dayIndex + offset) % 7]!;

function whenPhrase(n: LocalNow, offset: number, minute: number): string {
  if (offset === 0) return `today at ${clockTime(minute)}`;
  if (offset === 1) return `tomorrow at ${clockTime(minute)}`;
  return `on ${dayName(dayAt(n, offset))} at ${clockTime(minute)}`;
}

/** Where the current opening ends, following "…24:00" + "00:00…" across midnight; null when closed now. */
export function currentOpening(hours: WeekHours, n: LocalNow): { endOffset: number; endMinute: number; allWeek: boolean } | null {
  const period = hours[n.day].find((p) => n.minute >= toMinutes(p.open) && n.minute < toMinutes(p.close));
  if (!period) return null;
  let end = toMinutes(period.close);
  let offset = 0;
  while (end === DAY_MINUTES && offset < 7) {
    const next = hours[dayAt(n, offset + 1)].find((p) => p.open === "00:00");
    if (!next) break;
    offset += 1;
    end = toMinutes(next.close);
  }
  return { endOffset: offset, endMinute: end, allWeek: offset >= 7 };
}

/** The next opening strictly after now (today later, or a following day), or null if the week has none. */
export function nextOpening(hours: WeekHours, n: LocalNow): { offset: number; minute: number } | null {
  for (let offset = 0; offset <= 7; offset++) {
    const ps = sorted(hours[dayAt(n, offset)]);
    const p = ps.find((x) => offset > 0 || toMinutes(x.open) > n.minute);
    if (p) return { offset, minute: toMinutes(p.open) };
  }
  return null;
}

/** "We're open now until 5 PM." / "We're closed right now; we open again tomorrow at 9 AM." */
export function openNowSentence(hours: WeekHours, n: LocalNow): string {
  const open = currentOpening(hours, n);
  if (open) {
    if (open.allWeek) return "We're open now, 24 hours a day.";
    // Midnight belongs to the night before it: "until midnight on Friday night", never "on Saturday".
    const night = open.endMinute === DAY_MINUTES;
    const day = dayName(dayAt(n, open.endOffset));
    if (open.endOffset === 0) return `We're open now until ${clockTime(open.endMinute)}${night ? " tonight" : ""}.`;
    const when = open.endOffset === 1 ? (night ? "tomorrow night" : "tomorrow") : night ? `on ${day} night` : `on ${day}`;
    return `We're open now until ${clockTime(open.endMinute)} ${when}.`;
  }
  const next = nextOpening(hours, n);
  if (!next) return "We're closed right now, and I don't have any upcoming opening hours.";
  return `We're closed right now; we open again ${whenPhrase(n, next.offset, next.minute)}.`;
}

/** "When do you close?": today's closing time when open, else the closed-now answer. */
export function closingSentence(hours: WeekHours, n: LocalNow): string {
  const open = currentOpening(hours, n);
  if (!open || open.allWeek || open.endOffset > 0) return openNowSentence(hours, n);
  const later = sorted(hours[n.day]).filter((p) => toMinutes(p.open) > n.minute);
  if (later.length === 0) return `We close at ${clockTime(open.endMinute)} today.`;
  const last = later[later.length - 1]!;
  return `We close at ${clockTime(open.endMinute)} today, and open again from ${clockTime(toMinutes(later[0]!.open))} to ${clockTime(toMinutes(last.close))}.`;
}

export const dayAfter = (n: LocalNow): Weekday => dayAt(n, 1);
