// Whole calls through the engine harness with LLM_PROVIDER=openai (the real SDK against the local Chat
// Completions server): a tool round trip, tokens into usage, and LLM faults the caller hears about.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prompts } from "../../conversation/prompts";
import { CallHarness, testProfile } from "../../conversation/testing/harness";
import { parseEnv } from "../../env";
import { startFakeOpenAi, type FakeOpenAi } from "../../test/fakes/openai-http";
import { getResponderProvider } from "../responder";

let fake: FakeOpenAi;
beforeAll(async () => {
  fake = await startFakeOpenAi();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  fake.defaultStep = { text: "Hello from the fake model." };
});

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

/** A call answered by the OpenAI responder, greeted and listening. */
async function openAiCall(env: Record<string, string> = {}): Promise<CallHarness> {
  const provider = getResponderProvider(parseEnv({ LLM_PROVIDER: "openai", OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: fake.url, LLM_FIRST_TOKEN_TIMEOUT_MS: "2000", ...env }));
  expect(provider.name).toBe("openai");
  const h = new CallHarness({ responder: provider.create(testProfile()), profile: { llmModel: "gpt-4o-mini" } });
  await h.start();
  await h.untilListening();
  return h;
}

/** Fake-clock frames with real time in between: the far end is a real socket. */
async function untilReal(h: CallHarness, cond: () => boolean, realMs = 5000): Promise<void> {
  const end = performance.now() + realMs;
  while (!cond()) {
    if (performance.now() > end) throw new Error("condition not reached in time");
    await h.frame(0.05);
    await tick();
  }
}

async function ask(h: CallHarness, words: string): Promise<void> {
  const before = h.agentTurns().length;
  await h.say(words, 800);
  await untilReal(h, () => h.agentTurns().length > before && h.session.state === "listening");
}

const faultActions = (h: CallHarness) => h.observer.eventsOf("provider.fault").map((e) => e.payload?.action);

describe("a call with the OpenAI responder", () => {
  it("runs a knowledge tool call, feeds the result back, speaks the answer and counts tokens", async () => {
    const h = await openAiCall();
    fake.script(
      { toolCalls: [{ id: "call_1", name: "search_knowledge", args: { query: "saturday hours" } }], argPieces: 4, usage: { prompt_tokens: 400, completion_tokens: 12 } },
      { text: "Our hours page says we open at 9 on Saturdays.", usage: { prompt_tokens: 450, completion_tokens: 11 } },
    );
    await ask(h, "when do you open on saturday");
    expect(h.actions.searches).toEqual(["saturday hours"]);
    expect(h.agentTurns().at(-1)?.text).toBe("Our hours page says we open at 9 on Saturdays.");
    expect(h.observer.turns.find((t) => t.role === "TOOL")).toMatchObject({ toolName: "search_knowledge", toolResult: { ok: true } });
    expect(h.observer.totalUsage("LLM_INPUT_TOKENS")).toBe(850);
    expect(h.observer.totalUsage("LLM_OUTPUT_TOKENS")).toBe(23);
    const second = fake.requests[1]?.body as { messages: { role: string; content: string }[] };
    expect(second.messages.at(-1)).toMatchObject({ role: "tool", content: expect.stringContaining("(FAQ: Hours) We open at 9 a.m. on Saturdays.") });
    expect(h.observer.eventsOf("provider.fault")).toEqual([]);
  });

  it("a stall is retried and answered; total failure is an apology and the call carries on", async () => {
    const h = await openAiCall({ LLM_FIRST_TOKEN_TIMEOUT_MS: "500" });
    fake.script({ stallMs: 5000 }, { text: "Yes, we are open." });
    await ask(h, "are you open");
    expect(h.agentTurns().at(-1)?.text).toBe("Yes, we are open.");
    expect(faultActions(h)).toEqual(["retry"]);

    fake.script({ kind: "error", status: 500 }, { kind: "error", status: 502 });
    await ask(h, "do you do cleanings");
    expect(h.agentTurns().at(-1)?.text).toBe(prompts.apology);
    expect(faultActions(h)).toEqual(["retry", "retry", "apology"]);
    expect(h.observer.eventsOf("provider.fault")[1]?.payload).toMatchObject({ provider: "openai", capability: "llm", error: expect.stringContaining("500") });

    await ask(h, "do you do cleanings");
    expect(h.agentTurns().at(-1)?.text).toBe("Hello from the fake model.");
    expect(h.observer.endedWith).toBeNull();
  });

  it("an answer by the fallback model records its tokens under that model; the agent's own stay unlabelled", async () => {
    const h = await openAiCall({ LLM_FALLBACK_MODEL: "gpt-4.1-mini" });
    fake.script({ text: "We open at nine.", usage: { prompt_tokens: 300, completion_tokens: 5 } });
    await ask(h, "when do you open");
    fake.script({ kind: "error", status: 503 }, { kind: "error", status: 503 }, { text: "Yes, on Saturdays too.", usage: { prompt_tokens: 320, completion_tokens: 6 } });
    await ask(h, "and on saturday");
    expect(h.agentTurns().at(-1)?.text).toBe("Yes, on Saturdays too.");
    expect(faultActions(h)).toEqual(["retry", "fallback_model"]);
    expect(fake.requests.filter((r) => r.path === "/v1/chat/completions").map((r) => (r.body as { model: string }).model)).toEqual(["gpt-4o-mini", "gpt-4o-mini", "gpt-4o-mini", "gpt-4.1-mini"]);
    expect(h.observer.usages.filter((u) => u.kind.startsWith("LLM_"))).toEqual([
      { kind: "LLM_INPUT_TOKENS", quantity: 300 },
      { kind: "LLM_OUTPUT_TOKENS", quantity: 5 },
      { kind: "LLM_INPUT_TOKENS", quantity: 320, model: "gpt-4.1-mini" },
      { kind: "LLM_OUTPUT_TOKENS", quantity: 6, model: "gpt-4.1-mini" },
    ]);
  });

  it("a stream dropped mid-answer is not repeated: the words said, then the apology", async () => {
    const h = await openAiCall({ LLM_FALLBACK_MODEL: "gpt-4.1-nano" });
    fake.script({ text: "We open at nine. And on weekends we", dropAfterChunks: 6 });
    await ask(h, "when do you open");
    expect(h.agentTurns().at(-1)?.text).toBe(`We open at nine. And on ${prompts.apology}`);
    expect(faultActions(h)).toEqual(["apology"]);
    expect(fake.requests.filter((r) => r.path === "/v1/chat/completions")).toHaveLength(1);
  });

  it("three failed replies in a row end the call with PROVIDER_ERROR after the closing apology", async () => {
    const h = await openAiCall();
    fake.defaultStep = { kind: "error", status: 503 };
    await ask(h, "hello");
    await ask(h, "hello");
    await h.say("hello", 800);
    await untilReal(h, () => h.observer.endedWith !== null);
    expect(h.observer.endedWith?.reason).toBe("PROVIDER_ERROR");
    expect(h.agentTurns().at(-1)?.text).toBe(`${prompts.fatalApology}`);
  });
});
