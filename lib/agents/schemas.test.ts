import { describe, expect, it } from "vitest";
import { TTS_PRICES } from "../billing/prices";
import { TTS_MODELS } from "./options";
import { agentCreateSchema, agentRuleIssues, agentUpdateSchema, businessHoursSchema, defaultBusinessHours } from "./schemas";

const base = { name: "A", greeting: "Hi", systemPrompt: "Be nice" };

describe("agent schemas", () => {
  it("fills defaults on create", () => {
    const a = agentCreateSchema.parse(base);
    expect(a).toMatchObject({ language: "en-US", temperature: 0.4, timezone: "UTC", enabled: true, transferPhoneNumber: null });
    expect(a.businessHours).toEqual(defaultBusinessHours());
  });

  it("defaults to the cascade with the marin Realtime voice, and takes only known engines and voices", () => {
    expect(agentCreateSchema.parse(base)).toMatchObject({ conversationEngine: "CASCADE", realtimeVoice: "marin" });
    expect(agentUpdateSchema.parse({ conversationEngine: "REALTIME", realtimeVoice: "cedar" })).toEqual({ conversationEngine: "REALTIME", realtimeVoice: "cedar" });
    expect(agentUpdateSchema.safeParse({ conversationEngine: "S2S" }).success).toBe(false);
    expect(agentUpdateSchema.safeParse({ realtimeVoice: "rachel" }).success).toBe(false);
  });

  it("takes a listed ElevenLabs model or null (the server's default), each offered at the price table's price", () => {
    expect(agentCreateSchema.parse(base).ttsModel).toBeNull();
    expect(agentUpdateSchema.parse({ ttsModel: "eleven_multilingual_v2" })).toEqual({ ttsModel: "eleven_multilingual_v2" });
    expect(agentUpdateSchema.parse({ ttsModel: null })).toEqual({ ttsModel: null });
    const refused = agentUpdateSchema.safeParse({ ttsModel: "eleven_monolingual_v1" });
    expect(refused.success ? null : refused.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["ttsModel", "Use one of eleven_flash_v2_5, eleven_turbo_v2_5, eleven_multilingual_v2, or null for the default"],
    ]);
    for (const m of TTS_MODELS) expect(m.microsPerThousandChars).toBe(TTS_PRICES.elevenlabs!.models[m.value]);
  });

  it("leaves the voice to the service when none is chosen, and starts without address or services", () => {
    const a = agentCreateSchema.parse(base);
    expect(a.voiceId).toBeUndefined();
    expect(a).toMatchObject({ address: null, services: [] });
    expect(agentCreateSchema.safeParse({ ...base, voiceId: "" }).success).toBe(false);
  });

  it("trims the address and stores a blank one as null", () => {
    expect(agentCreateSchema.parse({ ...base, address: " 1 Main St\nSuite 2 " }).address).toBe("1 Main St\nSuite 2");
    expect(agentUpdateSchema.parse({ address: "  " })).toEqual({ address: null });
    expect(agentUpdateSchema.parse({ address: null })).toEqual({ address: null });
    expect(agentCreateSchema.safeParse({ ...base, address: "x".repeat(301) }).success).toBe(false);
  });

  it("trims services and refuses blanks, long entries, too many and case-insensitive duplicates", () => {
    expect(agentUpdateSchema.parse({ services: [" Cleanings ", "Fillings"] })).toEqual({ services: ["Cleanings", "Fillings"] });
    const issue = (services: unknown) => {
      const r = agentUpdateSchema.safeParse({ services });
      return r.success ? null : { path: r.error.issues[0]!.path.join("."), message: r.error.issues[0]!.message };
    };
    expect(issue(["Cleanings", "cleanings"])).toEqual({ path: "services.1", message: "“cleanings” is listed twice" });
    expect(issue(["Café", "CAFÉ"])?.path).toBe("services.1");
    expect(issue(["ok", ""])?.path).toBe("services.1");
    expect(issue(["x".repeat(81)])?.message).toMatch(/at most 80/);
    expect(issue(Array.from({ length: 31 }, (_, i) => `s${i}`))?.message).toBe("At most 30 services");
    expect(issue(Array.from({ length: 30 }, (_, i) => `s${i}`))).toBeNull();
  });

  it("leaves absent fields absent on update, and rejects unknown ones", () => {
    expect(agentUpdateSchema.parse({ greeting: "Hello" })).toEqual({ greeting: "Hello" });
    expect(agentUpdateSchema.safeParse({ tenantId: "t1" }).success).toBe(false);
  });

  it("checks business hours: HH:MM, close after open, no overlaps, all weekdays", () => {
    const week = defaultBusinessHours();
    expect(businessHoursSchema.safeParse(week).success).toBe(true);
    expect(businessHoursSchema.safeParse({ ...week, monday: [{ open: "9:00", close: "17:00" }] }).success).toBe(false);
    expect(businessHoursSchema.safeParse({ ...week, monday: [{ open: "17:00", close: "09:00" }] }).success).toBe(false);
    expect(
      businessHoursSchema.safeParse({ ...week, monday: [{ open: "09:00", close: "13:00" }, { open: "12:00", close: "17:00" }] }).success,
    ).toBe(false);
    expect(businessHoursSchema.safeParse({ ...week, monday: [{ open: "00:00", close: "24:00" }] }).success).toBe(true);
    const { sunday: _s, ...sixDays } = week;
    expect(businessHoursSchema.safeParse(sixDays).success).toBe(false);
  });

  it("normalises the transfer number and refuses time zones that do not exist", () => {
    expect(agentCreateSchema.parse({ ...base, transferPhoneNumber: "+44 20 7946 0958" }).transferPhoneNumber).toBe("+442079460958");
    expect(agentCreateSchema.safeParse({ ...base, timezone: "Europe/Atlantis" }).success).toBe(false);
    expect(agentCreateSchema.parse({ ...base, timezone: "America/Chicago" }).timezone).toBe("America/Chicago");
  });

  it("needs a transfer number when transfers can happen", () => {
    expect(agentRuleIssues({ tools: ["TRANSFER_CALL"], transferPhoneNumber: null, afterHoursAction: "TAKE_MESSAGE" })).toHaveLength(1);
    expect(agentRuleIssues({ tools: [], transferPhoneNumber: null, afterHoursAction: "TRANSFER" })).toHaveLength(1);
    expect(agentRuleIssues({ tools: ["TRANSFER_CALL"], transferPhoneNumber: "+15550100000", afterHoursAction: "TRANSFER" })).toEqual([]);
  });
});
