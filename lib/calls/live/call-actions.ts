// The side effects an agent's tools have outside the engine, for one call: a message taken lands in
// the workspace's inbox as a Message row linked to the call and agent; a knowledge search asks the
// knowledge base for this agent's passages (its own and the shared documents, its FAQ) in the agent's
// language. The search is bounded in time: a caller waits on the line while it runs, so a slow or
// failing index must become a failed tool result (the engine and the responders handle those), never
// a silent line.
import type { CallActions, KnowledgeHit, TakeMessageArgs } from "../../conversation/types";
import { retrieveKnowledge } from "../../knowledge/retrieve";
import type { KnowledgePassage } from "../../knowledge/types";
import type { AgentProfile } from "../../providers/responder/types";
import type { TenantScope } from "../../tenant/scope";
import type { ScopedDb } from "../../tenant/scoped-db";
import { systemScope } from "../../tenant/system-scope";

/** What a caller can wait for silently; full-text retrieval answers in milliseconds (issue 8's goal is 15 ms p95). */
export const SEARCH_TIMEOUT_MS = 1500;

export type RetrieveFn = typeof retrieveKnowledge;

export interface CallActionsOptions {
  db: ScopedDb;
  callId: string;
  profile: AgentProfile;
  /** The knowledge search (tests substitute a slow or failing one); retrieveKnowledge by default. */
  retrieve?: RetrieveFn;
  searchTimeoutMs?: number;
}

export function createCallActions(opts: CallActionsOptions): CallActions {
  const { db, callId, profile } = opts;
  const retrieve = opts.retrieve ?? retrieveKnowledge;
  const timeoutMs = opts.searchTimeoutMs ?? SEARCH_TIMEOUT_MS;
  // The profile was read through this call's scoped client, so its tenant is the call's tenant.
  const scope: TenantScope = systemScope(profile.tenantId, { reason: "voice-call" });
  // The FAQ is already in memory for the call: the search ranks it from there instead of reading it again.
  const faq = profile.faq.map((f, i) => ({ id: f.id ?? `profile-faq-${i}`, question: f.question, answer: f.answer }));

  return {
    async saveMessage(args: TakeMessageArgs) {
      const row = await db.message.create({
        data: {
          callId,
          agentId: profile.agentId,
          callerName: args.callerName,
          callerPhone: args.callbackNumber,
          body: args.message,
          urgency: args.urgency,
          audioStartMs: args.messageAudio?.startMs ?? null,
          audioEndMs: args.messageAudio?.endMs ?? null,
        },
        select: { id: true },
      });
      return { messageId: row.id };
    },
    async searchKnowledge(query: string, limit: number): Promise<KnowledgeHit[]> {
      const search = retrieve(scope, { query, agentId: profile.agentId, language: profile.language, limit }, { faq });
      const passages = await withTimeout(search, timeoutMs, `knowledge search timed out after ${timeoutMs} ms`);
      return passages.slice(0, limit).map(toHit);
    },
  };
}

/** A passage as a tool result carries it: the text to answer from and, for documents, where it came from. */
export function toHit(p: KnowledgePassage): KnowledgeHit {
  const hit: KnowledgeHit = { text: p.text, source: p.source, score: p.score };
  if (p.title) hit.title = p.title;
  if (p.source === "document") {
    if (p.heading) hit.heading = p.heading;
    if (p.page !== null) hit.page = p.page;
    if (p.documentId) hit.documentId = p.documentId;
  }
  return hit;
}

/**
 * Rejects after `ms` unless `work` settles first. The query itself cannot be cancelled mid-flight; it
 * finishes in the background and its late outcome is dropped (a late rejection is caught here, so it
 * is never an unhandled one).
 */
function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  work.catch(() => undefined);
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
