import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { canonicalTimeZone, canonicalTimeZones, RENAMED_ZONES } from "./time-zones";

const offered = canonicalTimeZones(Intl.supportedValuesOf("timeZone"));

describe("time zones offered for an agent", () => {
  it("offers current names instead of the obsolete spellings ICU still lists", () => {
    for (const old of ["Africa/Asmera", "America/Godthab", "Asia/Calcutta", "Europe/Kiev", "Asia/Saigon", "Pacific/Truk"]) {
      expect(offered, old).not.toContain(old);
    }
    for (const current of ["Africa/Asmara", "America/Nuuk", "Asia/Kolkata", "Europe/Kyiv", "Asia/Ho_Chi_Minh", "Pacific/Chuuk"]) {
      expect(offered, current).toContain(current);
    }
    expect(offered.filter((zone) => zone in RENAMED_ZONES)).toEqual([]);
  });

  it("keeps UTC first, the rest sorted and each zone once", () => {
    expect(offered[0]).toBe("UTC");
    expect(offered.slice(1)).toEqual([...offered.slice(1)].sort());
    expect(new Set(offered).size).toBe(offered.length);
    expect(offered).toContain("America/Chicago");
    expect(offered).toContain("Europe/Bratislava"); // a per-country link people look for stays
  });

  it("offers only zones this runtime can format, so a saved choice always works", () => {
    for (const zone of offered) expect(canonicalTimeZone(zone), zone).toBe(zone);
  });

  it("maps stored aliases and old spellings to the current name, and refuses unknown zones", () => {
    expect(canonicalTimeZone("Asia/Calcutta")).toBe("Asia/Kolkata");
    expect(canonicalTimeZone("America/Godthab")).toBe("America/Nuuk");
    expect(canonicalTimeZone("US/Eastern")).toBe("America/New_York");
    expect(canonicalTimeZone("Etc/UTC")).toBe("UTC");
    expect(canonicalTimeZone("America/Chicago")).toBe("America/Chicago");
    expect(canonicalTimeZone("Europe/Atlantis")).toBeNull();
  });

  it("maps each old spelling to a zone that keeps the same time today", () => {
    const at = [Date.UTC(2026, 0, 15, 12), Date.UTC(2026, 6, 15, 12)];
    const clock = (zone: string) => at.map((t) => new Intl.DateTimeFormat("en-US", { timeZone: zone, timeStyle: "long", dateStyle: "short" }).format(t));
    for (const [old, current] of Object.entries(RENAMED_ZONES)) expect(clock(current), old).toEqual(clock(old));
  });

  // The system's tz database (Debian's tzdata), when present, is an independent check that every new
  // name is a real IANA identifier and every old one only survives there as a backward link.
  it.skipIf(!existsSync("/usr/share/zoneinfo/tzdata.zi"))("agrees with the IANA tz database on this machine", () => {
    const lines = readFileSync("/usr/share/zoneinfo/tzdata.zi", "utf8").split("\n");
    const zones = new Set(lines.filter((l) => l.startsWith("Z ")).map((l) => l.split(" ")[1]));
    const links = new Set(lines.filter((l) => l.startsWith("L ")).map((l) => l.split(" ")[2]));
    for (const [old, current] of Object.entries(RENAMED_ZONES)) {
      expect(zones.has(current) || links.has(current), current).toBe(true);
      expect(links.has(old), `${old} is a link in tzdata`).toBe(true);
    }
  });
});

describe("the agent schema", () => {
  it("stores a time zone under its current name", async () => {
    const { agentCreateSchema, agentUpdateSchema } = await import("./schemas");
    const base = { name: "Reception", greeting: "Hello", systemPrompt: "Be kind." };
    expect(agentCreateSchema.parse({ ...base, timezone: "Asia/Calcutta" }).timezone).toBe("Asia/Kolkata");
    expect(agentCreateSchema.parse({ ...base, timezone: "America/Chicago" }).timezone).toBe("America/Chicago");
    expect(agentUpdateSchema.parse({ timezone: "America/Godthab" }).timezone).toBe("America/Nuuk");
    expect(agentCreateSchema.safeParse({ ...base, timezone: "Europe/Atlantis" }).success).toBe(false);
  });
});
