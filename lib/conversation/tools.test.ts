import { describe, expect, it } from "vitest";
import type { AgentProfile } from "../providers/responder/types";
import { FakeActions } from "./testing/fakes";
import { runTool, toolSpecsFor } from "./tools";

const p: Pick<AgentProfile, "tools" | "transferPhoneNumber"> = { tools: ["take_message", "search_knowledge", "transfer_call", "end_call"], transferPhoneNumber: "+15550001111" };

describe("toolSpecsFor", () => {
  it("offers only the enabled tools, each with a JSON Schema", () => {
    const specs = toolSpecsFor({ tools: ["end_call", "take_message"] });
    expect(specs.map((s) => s.name)).toEqual(["take_message", "end_call"]);
    expect(specs[0]?.parameters).toMatchObject({ type: "object", required: ["callerName", "callbackNumber", "message"] });
    expect(toolSpecsFor({ tools: [] })).toEqual([]);
  });
});

describe("runTool", () => {
  it("take_message validates and normalises arguments before saving", async () => {
    const actions = new FakeActions();
    const out = await runTool(p, actions, "take_message", { callerName: " Ann ", callbackNumber: "(555) 123-4567", message: "Hi", urgency: "low" });
    expect(out).toEqual({ result: { ok: true, data: { messageId: "msg_1" } }, effect: { kind: "none" } });
    expect(actions.messages).toEqual([{ callerName: "Ann", callbackNumber: "(555) 123-4567", message: "Hi", urgency: "LOW" }]);
  });

  it("take_message keeps a responder's audio range for the message, and drops one that makes no sense without refusing the message", async () => {
    const actions = new FakeActions();
    const base = { callerName: "Unknown caller", callbackNumber: "5551234", message: "Spoken" };
    await runTool(p, actions, "take_message", { ...base, messageAudio: { startMs: 6100, endMs: 11_800 } });
    for (const messageAudio of [{ startMs: 5000, endMs: 5000 }, { startMs: -1, endMs: 10 }, { startMs: 0, endMs: 700_000 }, { startMs: 1.5, endMs: 9 }, "0-10", null]) {
      const out = await runTool(p, actions, "take_message", { ...base, messageAudio });
      expect(out.result.ok).toBe(true);
    }
    expect(actions.messages[0]).toEqual({ ...base, urgency: "NORMAL", messageAudio: { startMs: 6100, endMs: 11_800 } });
    expect(actions.messages.slice(1).map((m) => m.messageAudio)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
    // Models are not shown it.
    expect(Object.keys((toolSpecsFor(p)[0]!.parameters as { properties: object }).properties)).not.toContain("messageAudio");
  });

  it("bad arguments are a failed result naming the fields, and nothing is saved", async () => {
    const actions = new FakeActions();
    const out = await runTool(p, actions, "take_message", { callerName: "", callbackNumber: "call me maybe", message: "x", urgency: "asap" });
    expect(out.result.ok).toBe(false);
    expect(out.result.error).toContain("callerName");
    expect(out.result.error).toContain("callbackNumber");
    expect(out.result.error).toContain("urgency");
    expect(actions.messages).toHaveLength(0);
  });

  it("a failing side effect is a failed result and is reported", async () => {
    const actions = new FakeActions();
    actions.saveMessage = async () => {
      throw new Error("db down");
    };
    const failures: unknown[] = [];
    const out = await runTool(p, actions, "take_message", { callerName: "A", callbackNumber: "5551234567", message: "m" }, (e) => failures.push(e));
    expect(out.result).toEqual({ ok: false, error: "take_message failed" });
    expect(failures).toHaveLength(1);
  });

  it("search_knowledge returns up to 3 hits", async () => {
    const actions = new FakeActions();
    const out = await runTool(p, actions, "search_knowledge", { query: "saturday hours" });
    expect(out.result).toEqual({ ok: true, data: { results: [{ text: "We open at 9 a.m. on Saturdays.", source: "faq", title: "Hours", score: 1 }] } });
    expect(actions.searches).toEqual(["saturday hours"]);
  });

  it("search_knowledge passes a document hit's source along (title, heading, page, document)", async () => {
    const actions = new FakeActions();
    actions.searchKnowledge = async () => [
      { text: "Parking in the Elm Street garage costs 4 dollars per hour.", source: "document", title: "Visitor guide", heading: "Getting here › Parking", page: 2, documentId: "doc_1", score: 0.5 },
      { text: "Free for patients.", source: "faq", title: "Is parking free?", score: 0.25 },
    ];
    const out = await runTool(p, actions, "search_knowledge", { query: "parking" });
    expect(out.result).toEqual({
      ok: true,
      data: {
        results: [
          { text: "Parking in the Elm Street garage costs 4 dollars per hour.", source: "document", title: "Visitor guide", heading: "Getting here › Parking", page: 2, documentId: "doc_1", score: 0.5 },
          { text: "Free for patients.", source: "faq", title: "Is parking free?", score: 0.25 },
        ],
      },
    });
  });

  it("transfer_call needs a transfer number; end_call hangs up", async () => {
    const actions = new FakeActions();
    expect(await runTool(p, actions, "transfer_call", {})).toEqual({ result: { ok: true, data: { to: "+15550001111" } }, effect: { kind: "transfer", to: "+15550001111" } });
    expect((await runTool({ ...p, transferPhoneNumber: null }, actions, "transfer_call", {})).result).toEqual({ ok: false, error: "no transfer number" });
    expect((await runTool(p, actions, "end_call", {})).effect).toEqual({ kind: "hangup" });
  });

  it("a tool the agent did not enable is refused", async () => {
    const out = await runTool({ tools: ["end_call"], transferPhoneNumber: null }, new FakeActions(), "take_message", {});
    expect(out.result).toEqual({ ok: false, error: "tool take_message is not available" });
  });
});
