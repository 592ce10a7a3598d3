import { describe, expect, it } from "vitest";
import { activeTurnIndex, latencyRows, providerFaults, splitHeard, transferResultLine, transferTarget } from "./transcript-model";
import type { CallEvent, CallTurn } from "../types";

const turn = (over: Partial<CallTurn>): CallTurn => ({
  id: "t", index: 0, role: "AGENT", text: "", heardText: null, interrupted: false, startMs: 0, endMs: null, toolName: null, toolArgs: null, toolResult: null,
  endpointLatencyMs: null, sttLatencyMs: null, llmLatencyMs: null, ttsLatencyMs: null, totalLatencyMs: null, platformLatencyMs: null, ...over,
});

describe("transcript model", () => {
  it("cuts an interrupted turn at what was heard", () => {
    expect(splitHeard(turn({ text: "We open at nine. On Saturdays we", heardText: "We open at nine.", interrupted: true }))).toEqual({ heard: "We open at nine.", unheard: " On Saturdays we" });
    expect(splitHeard(turn({ text: "Hello there", heardText: null, interrupted: false }))).toEqual({ heard: "Hello there", unheard: "" });
    expect(splitHeard(turn({ text: "Hello there", heardText: "Goodbye", interrupted: true }))).toEqual({ heard: "Goodbye", unheard: "" });
  });

  it("finds the turn under the playback position", () => {
    const turns = [{ startMs: 0 }, { startMs: 2000 }, { startMs: 5000 }];
    expect([-1, 0, 1999, 2000, 4999, 9000].map((ms) => activeTurnIndex(turns, ms))).toEqual([-1, 0, 0, 1, 1, 2]);
    expect(activeTurnIndex([{ startMs: 500 }], 100)).toBe(-1);
  });

  it("reads the transfer target from the event, else the tool's arguments", () => {
    expect(transferTarget([{ type: "transfer", payload: { to: "+15550001111" } }], [])).toBe("+15550001111");
    expect(transferTarget([], [turn({ toolName: "transfer", toolArgs: { to: "+15550002222" } })])).toBe("+15550002222");
    expect(transferTarget([{ type: "call.ended", payload: { reason: "x" } }], [])).toBeNull();
  });

  it("says how the transfer's leg ended, from its transfer.result event", () => {
    const result = (payload: CallEvent["payload"]) => [{ type: "transfer", payload: { to: "+15550001111" } }, { type: "transfer.result", payload }];
    expect(transferResultLine(result({ status: "completed", durationSec: 95 }))).toBe("Answered · 1:35");
    expect(transferResultLine(result({ status: "no-answer", durationSec: 0 }))).toBe("No answer");
    expect(transferResultLine(result({ status: "busy" }))).toBe("Busy");
    expect(transferResultLine(result({ status: "ringing-forever", durationSec: 3 }))).toBe("ringing-forever · 0:03");
    expect(transferResultLine(result(null))).toBeNull();
    expect(transferResultLine([{ type: "transfer", payload: { to: "+15550001111" } }])).toBeNull();
  });

  it("charts only agent turns that carry latency", () => {
    const rows = latencyRows([turn({ role: "CALLER", sttLatencyMs: 5 }), turn({ index: 3, sttLatencyMs: 120, llmLatencyMs: 300 }), turn({ index: 4 })], (t) => `#${t.index}`);
    expect(rows).toEqual([{ turn: "#3", endpoint: 0, stt: 120, llm: 300, tts: 0, platform: 0 }]);
  });

  it("stacks the platform's own time on top of the providers'", () => {
    const rows = latencyRows([turn({ endpointLatencyMs: 200, sttLatencyMs: 90, llmLatencyMs: 310, ttsLatencyMs: 150, totalLatencyMs: 762, platformLatencyMs: 12 })], () => "00:04");
    expect(rows).toEqual([{ turn: "00:04", endpoint: 200, stt: 90, llm: 310, tts: 150, platform: 12 }]);
  });

  it("lists the provider faults with their payloads, nothing else", () => {
    const fault = { type: "provider.fault", payload: { provider: "openai", capability: "stt", action: "reconnect" } };
    expect(providerFaults([{ type: "barge_in", payload: {} }, fault, { type: "provider.fault", payload: null }])).toEqual([fault]);
  });
});
