// A call answered from an uploaded document, through the real parts: a Markdown file put into storage
// is processed by the pipeline (extract → chunk → index), the agent's vocabulary is rebuilt, and a
// text call runs the engine with the local responder and the real call actions, whose search_knowledge
// asks the index. The fact ("4 dollars per hour") exists only in that document. The same question to an
// agent of the tenant that is not assigned the document, and to another tenant holding the identical
// file, gets an honest "not sure"; a search that never answers does not hang the call.
import { mkdtemp, rm } from "node:fs/promises";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WEEKDAYS } from "../../agents/options";
import { createTextConversation } from "../../conversation/text-transport";
import type { TurnRecord } from "../../conversation/types";
import type { AgentTool } from "../../db/generated/enums";
import { processDocument } from "../../knowledge/pipeline";
import { rebuildVocabulary } from "../../knowledge/vocabulary";
import { getResponderProvider } from "../../providers/responder";
import { normalizePhrase } from "../../providers/responder/local/caller-phrases";
import { LocalStorage } from "../../providers/storage/local";
import { createTestCall, unique } from "../../test/factories";
import { tenantWithNumber } from "../../test/twilio";
import { systemDb } from "../../tenant/system-scope";
import { loadAgentProfile } from "./agent-profile";
import { createCallActions, type RetrieveFn } from "./call-actions";

const VISITOR_GUIDE = `# Visitor guide

## Parking

Visitors can leave their car in the Elm Street garage, next to the clinic entrance. Parking in the Elm Street garage costs 4 dollars per hour. Spaces fill up early on Mondays.

## Check-in

Please arrive ten minutes before your appointment and bring a photo ID.
`;

const TOOLS: AgentTool[] = ["KNOWLEDGE_SEARCH", "TAKE_MESSAGE", "END_CALL"];
const ALWAYS_OPEN = Object.fromEntries(WEEKDAYS.map((d) => [d, [{ open: "00:00", close: "24:00" }]]));
let storage: LocalStorage;
let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "kb-call-"));
  storage = new LocalStorage(root);
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** A workspace with a numbered agent answering from knowledge, and a second agent of the same workspace. */
async function workspace(name: string) {
  const t = await tenantWithNumber(name, { tools: TOOLS, services: [], address: null });
  const { scope, db } = systemDb(t.tenant.id, "worker:knowledge");
  const other = await db.agent.create({ data: { name: "Billing desk", greeting: "Hello!", systemPrompt: "", tools: TOOLS, businessHours: ALWAYS_OPEN } });
  return { ...t, scope, db, other };
}

/** Uploads `markdown` as a document assigned to `agentIds` only, and runs the real pipeline on it. */
async function uploadGuide(w: Awaited<ReturnType<typeof workspace>>, markdown: string, agentIds: string[]) {
  const bytes = Buffer.from(markdown, "utf8");
  const id = `doc${unique()}${unique()}`;
  const storageKey = `tenants/${w.tenant.id}/knowledge/${id}/visitor-guide.md`;
  await storage.put(storageKey, bytes, { contentType: "text/markdown" });
  const contentHash = createHash("sha256").update(bytes).digest("hex");
  await w.db.knowledgeDocument.create({
    data: { id, title: "Visitor guide", source: "UPLOAD", fileName: "visitor-guide.md", mimeType: "text/markdown", sizeBytes: bytes.length, storageKey, contentHash, allAgents: false },
  });
  for (const agentId of agentIds) await w.db.knowledgeDocumentAgent.create({ data: { documentId: id, agentId } });
  expect(await processDocument(w.scope, id, { storage })).toBe("ready");
  await rebuildVocabulary(w.scope, null);
  return id;
}

/** A text call to `agentId` with the local responder and the real call actions. */
async function callAgent(w: Awaited<ReturnType<typeof workspace>>, agentId: string, opts: { retrieve?: RetrieveFn; searchTimeoutMs?: number } = {}) {
  const { db } = systemDb(w.tenant.id, "voice-call");
  const profile = (await loadAgentProfile(db, agentId))!;
  const call = await createTestCall(w.tenant.id, { agentId, status: "IN_PROGRESS", answeredAt: new Date() });
  const convo = createTextConversation({
    callId: call.id,
    profile,
    mode: "normal",
    responder: getResponderProvider().create(profile),
    actions: createCallActions({ db, callId: call.id, profile, ...opts }),
  });
  await convo.start();
  return { convo, profile };
}

const toolTurns = (transcript: readonly TurnRecord[]) => transcript.filter((t) => t.role === "TOOL");

describe("a call answered from an uploaded document", () => {
  let a: Awaited<ReturnType<typeof workspace>>;
  let documentId: string;

  beforeAll(async () => {
    a = await workspace("Knowledge Call A");
    documentId = await uploadGuide(a, VISITOR_GUIDE, [a.agent.id]);
  }, 60_000);

  it("answers with the sentence of the document that holds the fact, citing its source in the tool result", async () => {
    const { convo } = await callAgent(a, a.agent.id);
    const reply = await convo.say("how much is parking");
    expect(reply.text).toContain("Parking in the Elm Street garage costs 4 dollars per hour.");
    // The sentence, not the chunk.
    expect(reply.text).not.toContain("Spaces fill up early");
    const [search] = toolTurns(convo.transcript);
    expect(search?.toolName).toBe("search_knowledge");
    const results = (search?.toolResult?.data as { results: Record<string, unknown>[] }).results;
    expect(results[0]).toMatchObject({ source: "document", documentId, title: "Visitor guide" });
    expect(String(results[0]!.heading)).toContain("Parking");

    // The call goes on as usual after a knowledge answer.
    expect((await convo.say("no thanks")).text).toMatch(/goodbye/i);
  });

  it("an agent of the same workspace that is not assigned the document does not answer from it", async () => {
    const { convo } = await callAgent(a, a.other.id);
    const reply = await convo.say("how much is parking");
    expect(reply.text).not.toContain("4 dollars");
    expect(reply.text).toContain("I'm not sure about that.");
  });

  it("another workspace holding the identical file answers only where it assigned it", async () => {
    const b = await workspace("Knowledge Call B");
    await uploadGuide(b, VISITOR_GUIDE, [b.other.id]); // identical bytes, its own copy, another agent
    const unassigned = await callAgent(b, b.agent.id);
    expect((await unassigned.convo.say("how much is parking")).text).toContain("I'm not sure about that.");
    // Its own copy answers its own agent; A's document and B's share nothing but their text.
    const assigned = await callAgent(b, b.other.id);
    const reply = await assigned.convo.say("how much is parking");
    expect(reply.text).toContain("4 dollars per hour");
    const results = (toolTurns(assigned.convo.transcript)[0]?.toolResult?.data as { results: { documentId?: string }[] }).results;
    expect(results.map((r) => r.documentId)).not.toContain(documentId);
  }, 60_000);

  it("the agent's knowledge phrases reach its profile and the recogniser's expected phrases", async () => {
    const { profile } = await callAgent(a, a.agent.id);
    expect(profile.knowledgePhrases.length).toBeGreaterThan(0);
    expect(profile.knowledgePhrases.some((p) => p.includes("parking"))).toBe(true);
    const expected = new Set(getResponderProvider().expectedCallerPhrases!(profile));
    for (const phrase of profile.knowledgePhrases) expect(expected).toContain(normalizePhrase(phrase));
    // The unassigned agent's vocabulary has nothing from the document.
    const { profile: other } = await callAgent(a, a.other.id);
    expect(other.knowledgePhrases.some((p) => p.includes("parking"))).toBe(false);
  });

  it("a search that never answers becomes a failed tool result, and the caller hears an honest reply", async () => {
    const hanging: RetrieveFn = () => new Promise(() => undefined);
    const { convo } = await callAgent(a, a.agent.id, { retrieve: hanging, searchTimeoutMs: 50 });
    const reply = await convo.say("how much is parking");
    expect(reply.text).toContain("I'm not sure about that.");
    expect(toolTurns(convo.transcript)[0]?.toolResult).toMatchObject({ ok: false });
    expect(reply.ended).toBe(false);
  });
});
