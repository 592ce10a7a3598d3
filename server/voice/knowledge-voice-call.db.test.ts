// A caller's spoken question about an uploaded document, answered offline: the document goes through
// the pipeline, the agent's vocabulary is rebuilt from it, and a phone call on the embedded default
// (signed webhook, media stream, Silero VAD, Sphinx grammar STT, local responder, espeak TTS) hears
// "i have a question about parking" — a phrase only the agent's knowledge puts into its grammar — and
// answers with the document's sentence. The caller audio is a fixed rendition the recogniser was
// checked to decode (lib/test/fixtures/speech/make-fixtures.ts explains why).
import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as voiceWebhook from "../../app/api/twilio/voice/route";
import { getDb } from "../../lib/db/client";
import { processDocument } from "../../lib/knowledge/pipeline";
import { rebuildVocabulary } from "../../lib/knowledge/vocabulary";
import { getResponderProvider } from "../../lib/providers/responder";
import { closeSpeechProviders, getSpeechProviders } from "../../lib/providers/speech";
import { LocalStorage } from "../../lib/providers/storage";
import { systemDb } from "../../lib/tenant/system-scope";
import { callerMulaw } from "../../lib/test/fixtures/speech";
import { callSid, streamParameters, tenantWithNumber, twilioRequest, voiceParams } from "../../lib/test/twilio";
import { TwilioPeer } from "../../lib/test/twilio-peer";
import { createCallRuntime, type CallRuntime } from "./call-runtime";
import { createVoiceHttpServer, type VoiceHttpServer } from "./http-server";
import { createPacer } from "./pacer";
import { createUpgradeRoutes } from "./upgrade-routes";

const GUIDE = `# Visitor guide

## Parking

Parking in the Elm Street garage costs 4 dollars per hour. Spaces fill up early on Mondays.

## Check-in

Please arrive ten minutes before your appointment and bring a photo ID.
`;
const QUESTION = "i have a question about parking";

const logger = pino({ level: "silent" });
let dir: string;
let storage: LocalStorage;
let server: VoiceHttpServer;
let runtime: CallRuntime;
let wsUrl: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "frontdesk-kb-voice-"));
  storage = new LocalStorage(dir);
  runtime = createCallRuntime({ db: getDb(), logger, speech: getSpeechProviders(), responders: getResponderProvider(), storage, serverId: "vs-kb" });
  await runtime.start();
  server = createVoiceHttpServer({ logger, routes: {}, upgradeRoutes: createUpgradeRoutes({ logger, pacer: createPacer({ logger }), openCall: runtime.openCall }) });
  wsUrl = `ws://127.0.0.1:${await server.listen(0, "127.0.0.1")}/twilio/media-stream`;
}, 60_000);

afterAll(async () => {
  await runtime?.stop();
  await server?.close();
  await closeSpeechProviders();
  await rm(dir, { recursive: true, force: true });
});

const silence = (ms: number) => new Uint8Array((ms / 20) * 160).fill(0xff);
const turnsOf = (callId: string) => getDb().callTurn.findMany({ where: { callId }, orderBy: { index: "asc" } });

/** Keeps the line open with silence until `cond` holds. */
async function waitOnLine(peer: TwilioPeer, callId: string, cond: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > until || !peer.isOpen) throw new Error(`not reached on the line: ${JSON.stringify((await turnsOf(callId)).map((t) => [t.role, t.text, t.understood]))}`);
    await peer.streamAudio(silence(200));
  }
}

describe("a spoken question about an uploaded document", () => {
  it("is recognised through the agent's knowledge vocabulary and answered with the document's sentence", async () => {
    const t = await tenantWithNumber("Elm Clinic", { tools: ["KNOWLEDGE_SEARCH", "TAKE_MESSAGE", "END_CALL"], greeting: "Elm Clinic, how can I help?" });
    const { scope, db } = systemDb(t.tenant.id, "worker:knowledge");
    const bytes = Buffer.from(GUIDE, "utf8");
    const storageKey = `tenants/${t.tenant.id}/knowledge/visitor-guide.md`;
    await storage.put(storageKey, bytes, { contentType: "text/markdown" });
    const doc = await db.knowledgeDocument.create({
      data: { title: "Visitor guide", source: "UPLOAD", fileName: "visitor-guide.md", mimeType: "text/markdown", sizeBytes: bytes.length, storageKey, contentHash: createHash("sha256").update(bytes).digest("hex") },
    });
    expect(await processDocument(scope, doc.id, { storage })).toBe("ready");
    await rebuildVocabulary(scope, t.agent.id);
    const agent = await db.agent.findUniqueOrThrow({ where: { id: t.agent.id } });
    expect(agent.knowledgePhrases).toContain(QUESTION);

    const sid = callSid();
    const p = streamParameters(await (await voiceWebhook.POST(twilioRequest("/api/twilio/voice", voiceParams(t.number.e164, sid)))).text());
    const callId = p.callId!;
    const peer = await TwilioPeer.connect({ url: wsUrl, callSid: sid, customParameters: p });
    await waitOnLine(peer, callId, async () => (await turnsOf(callId)).length >= 1);

    await peer.streamAudio(callerMulaw(QUESTION));
    await waitOnLine(peer, callId, async () => (await turnsOf(callId)).some((x) => x.role === "AGENT" && x.index > 1));
    const turns = await turnsOf(callId);
    const caller = turns.find((x) => x.role === "CALLER")!;
    expect(caller).toMatchObject({ text: QUESTION, understood: true });
    const tool = turns.find((x) => x.role === "TOOL")!;
    expect(tool.toolName).toBe("search_knowledge");
    const answer = turns.find((x) => x.role === "AGENT" && x.index > caller.index)!;
    expect(answer.text).toContain("Parking in the Elm Street garage costs 4 dollars per hour.");
    peer.stop();
    await peer.closed;
  }, 120_000);
});
