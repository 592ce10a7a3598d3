// OpenAI streaming transcription through the real provider against the local realtime server: the
// session it configures, the μ-law it sends, transcripts turned into results, and each fault (socket
// dropped mid-utterance or mid-transcript, socket refused, transcript late) recovered without losing
// what the caller said.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { encodeMulaw } from "../../audio/mulaw";
import { parseWav } from "../../audio/wav";
import { FakeOpenAiRealtime } from "../../test/fakes/openai-realtime";
import { speakTones } from "../../test/fakes/openai-tone-words";
import type { ProviderFault, SttStream } from "../speech/types";
import { languageHint, OpenAiStt } from "./realtime-stt";

let fake: FakeOpenAiRealtime;
let faults: ProviderFault[];
const streams: SttStream[] = [];

beforeAll(async () => {
  fake = await FakeOpenAiRealtime.start();
});
afterAll(async () => {
  for (const s of streams) s.close();
  await fake.close();
});
beforeEach(() => {
  faults = [];
  Object.assign(fake, { refuseStatus: null, dropAfterAppends: null, stallTranscripts: false, transcriptDelayMs: 0, httpStatus: 200 });
});

async function open(opts: { finalizeTimeoutMs?: number; model?: string } = {}): Promise<SttStream> {
  const stt = new OpenAiStt({ apiKey: fake.apiKey, baseURL: fake.baseURL, connectTimeoutMs: 1000, finalizeTimeoutMs: 2000, ...opts });
  const stream = await stt.createStream({ language: "es-MX", phrases: ["Book a cleaning", "What time do you open?"], onFault: (f) => faults.push(f) });
  streams.push(stream);
  return stream;
}

const say = (stream: SttStream, text: string) => {
  const frames = speakTones(text);
  for (const f of frames) stream.write(f);
  return frames;
};
const until = async (cond: () => boolean) => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(cond()).toBe(true);
};

describe("OpenAI realtime transcription", () => {
  it("configures a transcription session and turns deltas + completed into the utterance's text", async () => {
    const stream = await open({ model: "gpt-4o-transcribe" });
    const frames = say(stream, "hello i'd like to book a cleaning");
    expect(stream.partial()).toBe(""); // nothing is transcribed before our endpoint commits
    const result = await stream.finalize();
    expect(result).toEqual({ text: "hello i'd like to book a cleaning", understood: true, audioSec: frames.length * 0.02, providerMs: expect.any(Number) });

    const conn = fake.connections.at(-1)!;
    expect(conn.url).toBe("/v1/realtime?intent=transcription");
    expect(conn.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
    expect(conn.updates[0]).toEqual({
      type: "transcription",
      audio: {
        input: {
          format: { type: "audio/pcmu" },
          transcription: { model: "gpt-4o-transcribe", language: "es", prompt: "Book a cleaning. What time do you open?" },
          turn_detection: null,
        },
      },
    });
    // μ-law passthrough, byte for byte, batched at ~500 ms rather than one message per 20 ms frame.
    const expected = Buffer.concat(frames.map((f) => Buffer.from(encodeMulaw(f))));
    expect(conn.commits).toEqual([expected]);
    const appends = conn.events.filter((t) => t === "input_audio_buffer.append").length;
    expect(appends).toBeLessThanOrEqual(Math.ceil(frames.length / 25));
    expect(faults).toEqual([]);
  });

  it("keeps utterances apart: reset clears the server buffer, the next utterance stands alone", async () => {
    const stream = await open();
    say(stream, "thanks thanks thanks thanks thanks");
    stream.reset();
    say(stream, "what time do you open");
    expect(await stream.finalize()).toMatchObject({ text: "what time do you open" });
    say(stream, "thanks");
    expect(await stream.finalize()).toMatchObject({ text: "thanks" });
    expect(fake.connections.at(-1)!.events).toContain("input_audio_buffer.clear");
    expect(await stream.finalize()).toEqual({ text: "", understood: false, audioSec: 0 });
  });

  it("reconnects when the socket drops mid-utterance and replays the audio: nothing said is lost", async () => {
    const stream = await open();
    const before = fake.connections.length;
    fake.dropAfterAppends = 1; // 500 ms into the utterance
    const frames = say(stream, "hello my name is sam");
    await until(() => fake.connections.length === before + 1 && fake.connections.at(-1)!.updates.length === 1);
    frames.push(...say(stream, "i'd like to book a cleaning"));
    expect(await stream.finalize()).toMatchObject({ text: "hello my name is sam i'd like to book a cleaning", understood: true });
    expect(fake.connections.at(-1)!.commits).toEqual([Buffer.concat(frames.map((f) => Buffer.from(encodeMulaw(f))))]);
    expect(faults).toEqual([{ provider: "openai", capability: "stt", error: expect.stringContaining("socket closed"), action: "reconnect" }]);
    expect(fake.httpTranscriptions).toHaveLength(0);
  });

  it("re-commits a finalized utterance whose transcript was lost with the socket", async () => {
    const stream = await open();
    fake.stallTranscripts = true;
    say(stream, "what time do you open");
    const result = stream.finalize();
    await until(() => fake.connections.at(-1)!.commits.length === 1);
    fake.stallTranscripts = false;
    fake.connections.at(-1)!.socket.terminate();
    expect(await result).toMatchObject({ text: "what time do you open" });
    expect(faults.map((f) => f.action)).toEqual(["reconnect"]);
  });

  it("transcribes each utterance over HTTP when the socket is refused", async () => {
    fake.refuseStatus = 503;
    const stream = await open();
    expect(faults).toEqual([{ provider: "openai", capability: "stt", error: expect.stringContaining("503"), action: "fallback_utterance" }]);
    const frames = say(stream, "book a cleaning on monday please");
    expect(await stream.finalize()).toEqual({ text: "book a cleaning on monday please", understood: true, audioSec: frames.length * 0.02, providerMs: expect.any(Number) });
    const req = fake.httpTranscriptions.at(-1)!;
    expect(req).toMatchObject({ model: "gpt-4o-mini-transcribe", language: "es", fileName: "utterance.wav" });
    expect(req.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
    expect(parseWav(req.file)).toMatchObject({ sampleRate: 8000, channels: 1 });
  });

  it("falls back per utterance when the dropped socket cannot be reopened", async () => {
    const stream = await open();
    fake.dropAfterAppends = 1;
    fake.refuseStatus = 503;
    say(stream, "hello i'd like to book");
    await until(() => faults.length === 2);
    expect(await stream.finalize()).toMatchObject({ text: "hello i'd like to book" });
    expect(faults.map((f) => f.action)).toEqual(["reconnect", "fallback_utterance"]);
  });

  it("sends a late transcript's audio to the HTTP fallback, and fails the turn only if that fails too", async () => {
    const stream = await open({ finalizeTimeoutMs: 150 });
    fake.stallTranscripts = true;
    say(stream, "thanks");
    expect(await stream.finalize()).toMatchObject({ text: "thanks" });
    expect(faults).toEqual([{ provider: "openai", capability: "stt", error: "no transcript within 150 ms", action: "fallback_utterance" }]);
    fake.httpStatus = 400;
    say(stream, "thanks");
    await expect(stream.finalize()).rejects.toThrow();
  });

  it("hints the API's language code from the agent's BCP 47 tag", () => {
    expect(languageHint("en-US")).toBe("en");
    expect(languageHint("pt_BR")).toBe("pt");
    expect(languageHint("x")).toBeUndefined();
  });
});
