// Which agents answer from a document: all of the tenant's (allAgents, also the ones created later) or
// the listed ones. Listed ids are checked through the scoped client first, so another tenant's agent
// id is "not found" like an id that never existed (the composite foreign keys refuse it anyway).
import { AppError } from "../errors";
import type { ScopedDb, ScopedTx } from "../tenant/scoped-db";

export interface Assignment {
  allAgents: boolean;
  agentIds: string[];
  /** The first listed agent's language: the default a document is indexed in. */
  language: string | null;
}

/** No list (or an empty one): every agent. */
export async function resolveAssignment(db: ScopedDb | ScopedTx, agentIds: readonly string[] | undefined): Promise<Assignment> {
  const ids = [...new Set(agentIds ?? [])];
  if (ids.length === 0) return { allAgents: true, agentIds: [], language: null };
  const found = await db.agent.findMany({ where: { id: { in: ids } }, select: { id: true, language: true } });
  if (found.length !== ids.length) throw new AppError("NOT_FOUND", "Agent not found", { field: "agentIds" });
  const byId = new Map(found.map((a) => [a.id, a.language]));
  return { allAgents: false, agentIds: ids, language: byId.get(ids[0]!) ?? null };
}

/** Writes the assignment rows of a document (replacing any it had). */
export async function writeAssignment(tx: ScopedTx, documentId: string, assignment: Pick<Assignment, "allAgents" | "agentIds">): Promise<void> {
  await tx.knowledgeDocumentAgent.deleteMany({ where: { documentId } });
  if (assignment.allAgents || assignment.agentIds.length === 0) return;
  await tx.knowledgeDocumentAgent.createMany({ data: assignment.agentIds.map((agentId) => ({ documentId, agentId })) });
}
