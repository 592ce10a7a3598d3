// The side effects an agent's tools have outside the engine, for one call: a message taken lands in
// the workspace's inbox as a Message row linked to the call and agent; a knowledge search answers from
// the agent's FAQ (the knowledge issue adds the document index behind the same method).
import type { CallActions, KnowledgeHit, TakeMessageArgs } from "../../conversation/types";
import { searchFaq } from "../../knowledge/faq-search";
import type { AgentProfile } from "../../providers/responder/types";
import type { ScopedDb } from "../../tenant/scoped-db";

export function createCallActions(opts: { db: ScopedDb; callId: string; profile: AgentProfile }): CallActions {
  const { db, callId, profile } = opts;
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
        },
        select: { id: true },
      });
      return { messageId: row.id };
    },
    async searchKnowledge(query: string, limit: number): Promise<KnowledgeHit[]> {
      return searchFaq(profile.faq, query, limit);
    },
  };
}
