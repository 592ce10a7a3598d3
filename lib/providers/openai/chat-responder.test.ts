// The OpenAI responder through the real SDK against the local Chat Completions server: streaming,
// tool calls assembled from argument pieces and fed back, usage, and the fault policy.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { toolSpecsFor } from "../../conversation/tools";
import { testProfile } from "../../conversation/testing/harness";
import { startFakeOpenAi, type FakeOpenAi } from "../../test/fakes/openai-http";
import type { ConversationItem, ResponderEvent } from "../responder/types";
import { createOpenAiResponderProvider, LlmUnavailableError, type OpenAiResponderOptions } from "./chat-responder";
import { createOpenAiClient } from "./client";

let fake: FakeOpenAi;
beforeAll(async () => {
  fake = await startFakeOpenAi();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());
afterEach(() => vi.useRealTimers());

const profile = testProfile({ llmModel: "gpt-4o-mini", temperature: 0.4, faq: [{ question: "Do you take walk-ins?", answer: "Yes, until 3 PM." }] });

function responder(opts: Partial<OpenAiResponderOptions> = {}) {
  const client = createOpenAiClient({ apiKey: "sk-test", baseURL: fake.url });
  return createOpenAiResponderProvider({ client, firstTokenTimeoutMs: 2500, ...opts }).create(profile);
}

/** Runs one respond() to its end: the events, and the error it ended with (if any). */
async function run(opts: Partial<OpenAiResponderOptions>, history: ConversationItem[] = [{ role: "caller", text: "are you open today", understood: true }]) {
  const events: (ResponderEvent & { at: number })[] = [];
  let error: unknown = null;
  try {
    const req = { profile, mode: "normal" as const, history, tools: toolSpecsFor(profile), now: new Date("2026-03-02T15:00:00Z"), signal: new AbortController().signal };
    for await (const ev of responder(opts).respond(req)) events.push({ ...ev, at: performance.now() });
  } catch (e) {
    error = e;
  }
  const text = events.flatMap((e) => (e.type === "text" ? [e.delta] : [])).join("");
  const faults = events.flatMap((e) => (e.type === "fault" ? [e] : []));
  return { events, error, text, faults };
}

interface ChatBody {
  model: string;
  tools: { function: { name: string } }[];
  messages: { role: string; content: string | null }[];
}
const chatBodies = () => fake.requests.filter((r) => r.path === "/v1/chat/completions").map((r) => r.body as unknown as ChatBody);

/** Waits until the server has received `n` chat requests: on real time (Date), for tests on fake timers. */
async function chatRequests(n: number): Promise<void> {
  const deadline = Date.now() + 5000;
  while (chatBodies().length < n) {
    if (Date.now() > deadline) throw new Error(`the server received ${chatBodies().length} chat requests, not ${n}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe("OpenAI responder", () => {
  it("streams an answer with the agent's model, temperature, tools and business facts, and reports usage", async () => {
    fake.script({ text: "Yes, we're open until five today.", usage: { prompt_tokens: 321, completion_tokens: 9 } });
    const { text, events, error } = await run({});
    expect(error).toBeNull();
    expect(text).toBe("Yes, we're open until five today.");
    expect(events.filter((e) => e.type === "text").length).toBeGreaterThan(3); // really streamed
    expect(events.at(-1)).toMatchObject({ type: "usage", inputTokens: 321, outputTokens: 9 });
    const [body] = chatBodies();
    expect(body).toMatchObject({ model: "gpt-4o-mini", temperature: 0.4, stream: true, stream_options: { include_usage: true } });
    expect(body?.tools.map((t) => t.function.name)).toEqual(["take_message", "search_knowledge", "transfer_call", "end_call"]);
    const system = body?.messages[0]?.content ?? "";
    expect(system).toContain("You are a receptionist.");
    expect(system).toContain("Acme Dental");
    expect(system).toContain("1 Main St");
    expect(system).toContain("Monday to Friday from 9 in the morning to 5 in the afternoon");
    expect(system).toContain("Right now: We're open now until 5 PM."); // 15:00Z is 10:00 in New York
    expect(system).toContain("A: Yes, until 3 PM.");
    expect(body?.messages[1]).toEqual({ role: "user", content: "are you open today" });
    expect(fake.requests[0]?.headers.authorization).toBe("Bearer sk-test");
  });

  it("assembles a tool call from argument pieces, then sends its result back and streams the final answer", async () => {
    fake.script({ text: "Let me check. ", toolCalls: [{ id: "call_kb", name: "search_knowledge", args: { query: "parking near the office" } }], argPieces: 5 });
    const first = await run({});
    expect(first.text).toBe("Let me check. ");
    expect(first.events.filter((e) => e.type === "tool_call")).toEqual([expect.objectContaining({ id: "call_kb", name: "search_knowledge", args: { query: "parking near the office" } })]);

    const history: ConversationItem[] = [
      { role: "caller", text: "where can I park", understood: true },
      { role: "tool_call", id: "call_kb", name: "search_knowledge", args: { query: "parking near the office" } },
      { role: "tool_result", id: "call_kb", name: "search_knowledge", result: { ok: true, data: { results: [{ text: "Free parking behind the building.", source: "document", title: "Visiting us", heading: "Parking", page: 2, score: 0.8 }] } } },
    ];
    fake.script({ text: "Our visiting guide says there's free parking behind the building." });
    const second = await run({}, history);
    expect(second.text).toBe("Our visiting guide says there's free parking behind the building.");
    const messages = chatBodies()[1]?.messages ?? [];
    expect(messages[2]).toEqual({ role: "assistant", content: null, tool_calls: [{ id: "call_kb", type: "function", function: { name: "search_knowledge", arguments: '{"query":"parking near the office"}' } }] });
    expect(messages[3]).toMatchObject({ role: "tool", tool_call_id: "call_kb" });
    expect(messages[3]?.content).toContain("[1] (document: Visiting us › Parking, page 2) Free parking behind the building.");
  });

  it("a stall before the first token times out and the retry answers", async () => {
    fake.script({ stallMs: 5000, text: "never" }, { text: "Sorry for the wait, yes we are." });
    // On fake timers the stall ends when the test moves the clock, and the retry has all the time it
    // needs (on real time, a busy machine's retry could miss its own 400 ms).
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    const running = run({ firstTokenTimeoutMs: 400 });
    await chatRequests(1);
    await vi.advanceTimersByTimeAsync(400);
    const { text, faults, error } = await running;
    expect(error).toBeNull();
    expect(text).toBe("Sorry for the wait, yes we are.");
    expect(faults).toEqual([expect.objectContaining({ provider: "openai", capability: "llm", action: "retry", error: expect.stringContaining("no first token within 400 ms") })]);
    expect(chatBodies().map((b) => b.model)).toEqual(["gpt-4o-mini", "gpt-4o-mini"]);
  });

  it("500 twice → the fallback model answers", async () => {
    fake.script({ kind: "error", status: 500 }, { kind: "error", status: 503 }, { text: "Fallback here." });
    const { text, faults, error } = await run({ fallbackModel: "gpt-4.1-nano" });
    expect(error).toBeNull();
    expect(text).toBe("Fallback here.");
    expect(faults.map((f) => f.action)).toEqual(["retry", "fallback_model"]);
    expect(faults[0]?.error).toContain("500");
    expect(chatBodies().map((b) => b.model)).toEqual(["gpt-4o-mini", "gpt-4o-mini", "gpt-4.1-nano"]);
  });

  it("everything failing ends in an apology fault and LlmUnavailableError (the session apologises)", async () => {
    fake.script({ kind: "error", status: 429 }, { kind: "error", status: 500 }, { kind: "error", status: 500 });
    const { faults, error, text } = await run({ fallbackModel: "gpt-4.1-nano" });
    expect(text).toBe("");
    expect(faults.map((f) => f.action)).toEqual(["retry", "fallback_model", "apology"]);
    expect(error).toBeInstanceOf(LlmUnavailableError);
  });

  it("a stream dropped after words were yielded is not retried (no repeated words)", async () => {
    fake.script({ text: "We open at nine and close at five.", dropAfterChunks: 3 }, { text: "SHOULD NOT BE ASKED" });
    const { faults, error, text } = await run({ fallbackModel: "gpt-4.1-nano" });
    expect(text).toBe("We open at ");
    expect(faults).toEqual([expect.objectContaining({ action: "apology" })]);
    expect(error).toBeInstanceOf(LlmUnavailableError);
    expect(chatBodies()).toHaveLength(1);
  });

  it("a barge-in (abort) mid-stream stops quietly: no fault, no retry", async () => {
    fake.script({ text: "This is a long answer that the caller will interrupt.", chunkDelayMs: 30 });
    const controller = new AbortController();
    const req = { profile, mode: "normal" as const, history: [], tools: [], now: new Date(), signal: controller.signal };
    const events: ResponderEvent[] = [];
    for await (const ev of responder().respond(req)) {
      events.push(ev);
      if (events.length === 2) controller.abort();
    }
    expect(events.map((e) => e.type)).toEqual(["text", "text"]);
    expect(chatBodies()).toHaveLength(1);
  });

  it("a 401 is not retried; a stalled retry and fallback stay inside the recovery budget", { timeout: 15_000 }, async () => {
    fake.script({ kind: "error", status: 401, message: "bad key" });
    const denied = await run({});
    expect(denied.faults.map((f) => f.action)).toEqual(["apology"]);

    // Each stalled attempt ends on its own timer, and the budget is counted on the same clock: both are
    // fake here, so every attempt waits exactly what the budget gives it. (On real time a timer firing
    // 50 ms late on a busy machine left the fallback under its 250 ms minimum, and it was skipped.)
    fake.script({ stallMs: 5000 }, { stallMs: 5000 }, { stallMs: 5000 });
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    const running = run({ firstTokenTimeoutMs: 2000, recoveryBudgetMs: 600, fallbackModel: "gpt-4.1-nano" });
    // An attempt's timer is set before its request goes out: once the request has arrived, move the clock.
    for (const [request, waitMs] of [[2, 2000], [3, 300], [4, 300]] as const) {
      await chatRequests(request);
      await vi.advanceTimersByTimeAsync(waitMs);
    }
    const stalled = await running;
    expect(stalled.faults.map((f) => f.action)).toEqual(["retry", "fallback_model", "apology"]);
    // Retry and fallback get 300 ms each (half the budget, then the rest), not 2000 ms each.
    expect(stalled.faults.map((f) => f.error)).toEqual([
      "gpt-4o-mini: no first token within 2000 ms",
      "gpt-4o-mini: no first token within 300 ms",
      "gpt-4.1-nano: no first token within 300 ms",
    ]);
    expect(stalled.faults.map((f) => f.at - stalled.faults[0]!.at)).toEqual([0, 300, 600]);
  });
});
