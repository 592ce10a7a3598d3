import { describe, expect, it } from "vitest";
import { isOpenAt, localClock } from "./business-hours";
import { defaultBusinessHours } from "./schemas";

const closed = { monday: [], tuesday: [], wednesday: [], thursday: [], friday: [], saturday: [], sunday: [] };
const at = (iso: string) => new Date(iso);

describe("isOpenAt", () => {
  it("reads the hours in the agent's time zone, not UTC", () => {
    const agent = { timezone: "America/New_York", businessHours: defaultBusinessHours() };
    // Monday 2026-01-05: 09:00 EST is 14:00 UTC.
    expect(isOpenAt(agent, at("2026-01-05T13:59:00Z"))).toBe(false);
    expect(isOpenAt(agent, at("2026-01-05T14:00:00Z"))).toBe(true);
    expect(isOpenAt(agent, at("2026-01-05T21:59:00Z"))).toBe(true);
    expect(isOpenAt(agent, at("2026-01-05T22:00:00Z"))).toBe(false); // 17:00 local: closing time is exclusive
    // Saturday is closed by default.
    expect(isOpenAt(agent, at("2026-01-10T16:00:00Z"))).toBe(false);
  });

  it("follows the weekday in the agent's zone across the date line", () => {
    const agent = { timezone: "Pacific/Auckland", businessHours: defaultBusinessHours() };
    // Sunday 2026-01-04 21:00 UTC is Monday 10:00 in Auckland (NZDT, +13).
    expect(isOpenAt(agent, at("2026-01-04T21:00:00Z"))).toBe(true);
    expect(isOpenAt({ ...agent, timezone: "UTC" }, at("2026-01-04T21:00:00Z"))).toBe(false);
  });

  it("honours several periods per day (a lunch break)", () => {
    const agent = { timezone: "Europe/Berlin", businessHours: { ...closed, tuesday: [{ open: "08:00", close: "12:00" }, { open: "13:00", close: "18:30" }] } };
    // Tuesday 2026-01-06, Berlin is UTC+1.
    expect(isOpenAt(agent, at("2026-01-06T10:00:00Z"))).toBe(true); // 11:00
    expect(isOpenAt(agent, at("2026-01-06T11:30:00Z"))).toBe(false); // 12:30
    expect(isOpenAt(agent, at("2026-01-06T17:29:00Z"))).toBe(true); // 18:29
    expect(isOpenAt(agent, at("2026-01-06T17:30:00Z"))).toBe(false); // 18:30
  });

  it("reads a night shift written as 22:00-24:00 plus 00:00-02:00 the next day", () => {
    const agent = { timezone: "UTC", businessHours: { ...closed, friday: [{ open: "22:00", close: "24:00" }], saturday: [{ open: "00:00", close: "02:00" }] } };
    expect(isOpenAt(agent, at("2026-01-09T21:59:00Z"))).toBe(false);
    expect(isOpenAt(agent, at("2026-01-09T23:59:00Z"))).toBe(true);
    expect(isOpenAt(agent, at("2026-01-10T00:00:00Z"))).toBe(true);
    expect(isOpenAt(agent, at("2026-01-10T01:59:00Z"))).toBe(true);
    expect(isOpenAt(agent, at("2026-01-10T02:00:00Z"))).toBe(false);
  });

  it("keeps local opening hours across a DST change", () => {
    const agent = { timezone: "America/New_York", businessHours: { ...closed, sunday: [{ open: "09:00", close: "17:00" }], monday: [{ open: "09:00", close: "17:00" }] } };
    // 2026-03-08 is the spring-forward Sunday. Before: 09:00 EDT = 13:00 UTC (not 14:00).
    expect(isOpenAt(agent, at("2026-03-08T13:00:00Z"))).toBe(true);
    expect(isOpenAt(agent, at("2026-03-08T12:59:00Z"))).toBe(false);
    // The Monday before (EST): 09:00 = 14:00 UTC.
    expect(isOpenAt(agent, at("2026-03-02T13:30:00Z"))).toBe(false);
    expect(isOpenAt(agent, at("2026-03-02T14:00:00Z"))).toBe(true);
    // The skipped hour: 01:59 EST is followed by 03:00 EDT.
    expect(localClock(at("2026-03-08T06:59:00Z"), "America/New_York")).toEqual({ day: "sunday", minute: 1 * 60 + 59 });
    expect(localClock(at("2026-03-08T07:00:00Z"), "America/New_York")).toEqual({ day: "sunday", minute: 3 * 60 });
  });

  it("counts an empty day as closed and unreadable hours or zones as open", () => {
    expect(isOpenAt({ timezone: "UTC", businessHours: closed }, at("2026-01-05T12:00:00Z"))).toBe(false);
    expect(isOpenAt({ timezone: "UTC", businessHours: { monday: "9-5" } }, at("2026-01-05T03:00:00Z"))).toBe(true);
    expect(isOpenAt({ timezone: "Mars/Olympus", businessHours: closed }, at("2026-01-05T12:00:00Z"))).toBe(true);
  });

  it("reports midnight as minute 0, not 24:00", () => {
    expect(localClock(at("2026-01-05T00:00:00Z"), "UTC")).toEqual({ day: "monday", minute: 0 });
  });
});
