import { describe, expect, it } from "vitest";
import { draftFromAgent, newAgentDraft, normalizeErrorPath, servicesFromText, toPayload, validateDraft } from "./agent-form-model";

describe("agent form: address and services", () => {
  it("reads services one per line, trimmed, blank lines skipped", () => {
    expect(servicesFromText(" Cleanings \r\n\n  \nTeeth whitening\n")).toEqual(["Cleanings", "Teeth whitening"]);
    expect(servicesFromText("")).toEqual([]);
  });

  it("sends a blank address as null and the services as a list, and reads them back the same", () => {
    const draft = { ...newAgentDraft("Acme"), name: "Front desk", address: "  ", services: "Fillings\nCrowns" };
    const payload = toPayload(draft);
    expect(payload).toMatchObject({ address: null, services: ["Fillings", "Crowns"] });
    const agent = { ...payload, address: "1 Main St", id: "a1", phoneNumbers: [], createdAt: "", updatedAt: "" };
    expect(draftFromAgent(agent)).toMatchObject({ address: "1 Main St", services: "Fillings\nCrowns" });
  });

  it("shows a duplicate service against the Services field, before anything is sent", () => {
    const { errors } = validateDraft({ ...newAgentDraft("Acme"), name: "Front desk", services: "Fillings\nfillings" });
    expect(errors).toEqual({ services: "“fillings” is listed twice" });
    expect(normalizeErrorPath("services.4")).toBe("services");
    expect(normalizeErrorPath("tools.1")).toBe("tools");
  });

  it("sends the server-default TTS model as null and a chosen one by name, and reads them back the same", () => {
    const draft = { ...newAgentDraft("Acme"), name: "Front desk" };
    expect(draft.ttsModel).toBe("");
    expect(toPayload(draft).ttsModel).toBeNull();
    const payload = toPayload({ ...draft, ttsModel: "eleven_multilingual_v2" });
    expect(payload.ttsModel).toBe("eleven_multilingual_v2");
    expect(draftFromAgent({ ...payload, id: "a1", phoneNumbers: [], createdAt: "", updatedAt: "" }).ttsModel).toBe("eleven_multilingual_v2");
    expect(draftFromAgent({ ...payload, ttsModel: null, id: "a1", phoneNumbers: [], createdAt: "", updatedAt: "" }).ttsModel).toBe("");
  });

  it("asks for a voice when none is chosen", () => {
    expect(validateDraft({ ...newAgentDraft("Acme"), name: "x", voiceId: "" }).errors.voiceId).toBe("Choose a voice");
  });
});
