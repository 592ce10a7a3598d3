import { describe, expect, it } from "vitest";
import { clockTime, closingSentence, dayHoursSentence, localNow, openNowSentence, rangePhrase, weekHoursSentence, type WeekHours } from "./spoken-time";

const closed = { monday: [], tuesday: [], wednesday: [], thursday: [], friday: [], saturday: [], sunday: [] };
const week = (over: Partial<WeekHours>): WeekHours => ({ ...closed, ...over });
const at = (iso: string, tz: string) => localNow(new Date(iso), tz);

describe("spoken time", () => {
  it("says clock times and ranges the way people do", () => {
    expect([0, 540, 570, 720, 1020, 1439, 1440].map(clockTime)).toEqual(["midnight", "9 AM", "9:30 AM", "noon", "5 PM", "11:59 PM", "midnight"]);
    expect(rangePhrase({ open: "09:00", close: "13:00" })).toBe("from 9 in the morning to 1 in the afternoon");
    expect(rangePhrase({ open: "13:00", close: "17:30" })).toBe("from 1 to 5:30 in the afternoon");
    expect(rangePhrase({ open: "08:00", close: "12:00" })).toBe("from 8 in the morning to noon");
    expect(rangePhrase({ open: "18:00", close: "24:00" })).toBe("from 6 in the evening to midnight");
  });

  it("a day: closed, several periods, 24 hours", () => {
    const h = week({ monday: [{ open: "13:00", close: "17:00" }, { open: "08:00", close: "12:00" }], sunday: [{ open: "00:00", close: "24:00" }] });
    expect(dayHoursSentence(h, "monday", { kind: "weekday", day: "monday" })).toBe(
      "On Monday we're open from 8 in the morning to noon, and from 1 to 5 in the afternoon.",
    );
    expect(dayHoursSentence(h, "sunday", { kind: "today" })).toBe("Today we're open 24 hours.");
    expect(dayHoursSentence(h, "friday", { kind: "weekday", day: "friday" })).toBe("We're closed on Fridays.");
    expect(dayHoursSentence(h, "friday", { kind: "tomorrow" })).toBe("We're closed tomorrow, Friday.");
  });

  it("the week grouped, and the all-closed and always-open cases", () => {
    const p = [{ open: "09:00", close: "17:00" }];
    expect(weekHoursSentence(week({ monday: p, tuesday: p, wednesday: p, thursday: p, friday: p }))).toBe(
      "We're open Monday to Friday from 9 in the morning to 5 in the afternoon. We're closed on Saturday and Sunday.",
    );
    expect(weekHoursSentence(closed)).toBe("I'm sorry, we don't have any opening hours listed.");
    const all = [{ open: "00:00", close: "24:00" }];
    expect(weekHoursSentence({ monday: all, tuesday: all, wednesday: all, thursday: all, friday: all, saturday: all, sunday: all })).toBe(
      "We're open 24 hours a day, every day.",
    );
  });

  it("open now / closed now in the agent's zone, following an overnight opening past midnight", () => {
    const night = week({ friday: [{ open: "18:00", close: "24:00" }], saturday: [{ open: "00:00", close: "02:00" }, { open: "18:00", close: "24:00" }] });
    // 2026-03-13 is a Friday. 23:00 in London (GMT in March) → open until 2 AM.
    expect(openNowSentence(night, at("2026-03-13T23:00:00Z", "Europe/London"))).toBe("We're open now until 2 AM tomorrow.");
    // Same instant in Los Angeles is Friday 16:00 (PDT) → opens later today.
    expect(openNowSentence(night, at("2026-03-13T23:00:00Z", "America/Los_Angeles"))).toBe("We're closed right now; we open again today at 6 PM.");
    // Saturday 03:00 London → next opening Saturday 18:00.
    expect(openNowSentence(night, at("2026-03-14T03:00:00Z", "Europe/London"))).toBe("We're closed right now; we open again today at 6 PM.");
    expect(openNowSentence(closed, at("2026-03-14T03:00:00Z", "UTC"))).toBe("We're closed right now, and I don't have any upcoming opening hours.");
  });

  it("closing time today, and a bad zone falls back to UTC instead of failing the call", () => {
    const p = week({ monday: [{ open: "09:00", close: "17:00" }] });
    // 2026-03-09 is a Monday: 10:00 in New York (EDT, UTC-4).
    expect(closingSentence(p, at("2026-03-09T14:00:00Z", "America/New_York"))).toBe("We close at 5 PM today.");
    expect(at("2026-03-09T14:00:00Z", "Not/AZone")).toEqual({ day: "monday", dayIndex: 0, minute: 840 });
  });
});
