import { describe, expect, it } from "vitest";
import { splitLatency } from "../conversation/latency";
import type { CallTurn } from "../db/generated/client";
import { callDetailJsonSchema } from "../openapi/responses-calls";
import { toCallTurnJson } from "./serialize";

const turn = (over: Partial<CallTurn>): CallTurn => ({
  id: "turn1",
  tenantId: "tenant1",
  callId: "call1",
  index: 2,
  role: "AGENT",
  text: "We open at nine.",
  heardText: null,
  interrupted: false,
  startMs: 4000,
  endMs: 6000,
  toolName: null,
  toolArgs: null,
  toolResult: null,
  understood: null,
  endpointLatencyMs: null,
  sttLatencyMs: null,
  llmLatencyMs: null,
  ttsLatencyMs: null,
  totalLatencyMs: null,
  createdAt: new Date("2025-01-01T00:00:00Z"),
  ...over,
});

const turnSchema = callDetailJsonSchema.shape.turns.element;

describe("a turn's latency in the call JSON", () => {
  it("derives the platform's time from the stored columns, as the engine split it", () => {
    // The engine's split of one turn, stored the way call-persistence stores it.
    const split = splitLatency({
      text: false, speechEnd: 1000, decisionAt: 1200, finalAt: 1290, sttProviderMs: -1,
      firstTextAt: 1600, llmProviderMs: -1, firstTtsSentAt: 1605, firstTtsAudioAt: 1755, ttsProviderMs: -1, firstOutputAt: 1768,
    });
    const json = toCallTurnJson(
      turn({ endpointLatencyMs: split.endpointMs, sttLatencyMs: split.sttMs, llmLatencyMs: split.llmMs, ttsLatencyMs: split.ttsMs, totalLatencyMs: split.totalMs }),
    );
    expect(json).toMatchObject({ endpointLatencyMs: 200, sttLatencyMs: 90, llmLatencyMs: 310, ttsLatencyMs: 150, totalLatencyMs: 768, platformLatencyMs: 18 });
    expect(json.platformLatencyMs).toBe(split.platformMs);
    expect(turnSchema.parse(json)).toEqual(json);
  });

  it("counts a part that was not measured (a text turn has no endpoint or STT) as none of the wait", () => {
    const json = toCallTurnJson(turn({ llmLatencyMs: 300, ttsLatencyMs: 120, totalLatencyMs: 431 }));
    expect(json.platformLatencyMs).toBe(11);
  });

  it("is null without a total, and never negative when the parts exceed it", () => {
    expect(toCallTurnJson(turn({ sttLatencyMs: 90, llmLatencyMs: 300 })).platformLatencyMs).toBeNull();
    expect(toCallTurnJson(turn({ role: "CALLER" })).platformLatencyMs).toBeNull();
    expect(toCallTurnJson(turn({ llmLatencyMs: 300, ttsLatencyMs: 120, totalLatencyMs: 400 })).platformLatencyMs).toBe(0);
  });
});
