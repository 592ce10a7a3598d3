// Agents of one tenant. Every query goes through scopedDb(scope), so it only sees that tenant's rows:
// an id of another tenant is "not found", exactly like an id that never existed.
import { AppError, notFound } from "../errors";
import { pageArgs, toPage, type Page, type PageQuery } from "../http/page";
import { recordAudit } from "../audit/record";
import { lockTenantQuotas } from "../tenant/quotas";
import { PLAN_LIMIT_ADVICE } from "../text/plan-limits";
import { countOf } from "../text/plural";
import type { TenantScope } from "../tenant/scope";
import { scopedDb, type ScopedTx } from "../tenant/scoped-db";
import { assertVoiceOffered, resolveAgentVoiceId } from "../voices/catalog";
import { agentRuleIssues, type AgentCreateInput, type AgentUpdateInput } from "./schemas";
import type { AgentWithNumbers } from "./serialize";

const withNumbers = { phoneNumbers: { select: { id: true, e164: true }, orderBy: { e164: "asc" } } } as const;

function assertRules(a: Parameters<typeof agentRuleIssues>[0]): void {
  const issue = agentRuleIssues(a)[0];
  if (issue) throw new AppError("VALIDATION_FAILED", issue.message, { field: issue.path });
}

export async function listAgents(scope: TenantScope): Promise<AgentWithNumbers[]> {
  return scopedDb(scope).agent.findMany({ include: withNumbers, orderBy: { createdAt: "desc" } });
}

/** The API's list: a page at a time, newest first (the dashboard pages read listAgents: a plan caps agents). */
export async function listAgentsPage(scope: TenantScope, q: PageQuery): Promise<Page<AgentWithNumbers>> {
  return toPage(await scopedDb(scope).agent.findMany({ ...pageArgs(q), include: withNumbers }), q);
}

export async function getAgentOrThrow(scope: TenantScope, id: string): Promise<AgentWithNumbers> {
  const agent = await scopedDb(scope).agent.findUnique({ where: { id }, include: withNumbers });
  if (!agent) throw notFound("Agent");
  return agent;
}

async function assertAgentQuota(tx: ScopedTx, scope: TenantScope) {
  const { maxAgents } = await lockTenantQuotas(tx, scope);
  if ((await tx.agent.count()) >= maxAgents) {
    throw new AppError("QUOTA_EXCEEDED", `Your plan allows ${countOf(maxAgents, "agent")}. Delete an agent to add another. ${PLAN_LIMIT_ADVICE}`);
  }
}

export async function createAgent(scope: TenantScope, input: AgentCreateInput): Promise<AgentWithNumbers> {
  assertRules(input);
  // Asked before the transaction: the list may come from a vendor's API, and no row lock should wait on it.
  const voiceId = await resolveAgentVoiceId(input.voiceId, input.language);
  return scopedDb(scope).$transaction(async (tx) => {
    await assertAgentQuota(tx, scope);
    const agent = await tx.agent.create({ data: { ...input, voiceId }, include: withNumbers });
    await recordAudit(tx, scope, "agent.create", { type: "agent", id: agent.id });
    return agent;
  });
}

export async function updateAgent(scope: TenantScope, id: string, patch: AgentUpdateInput): Promise<AgentWithNumbers> {
  if (patch.voiceId !== undefined) await assertVoiceOffered(patch.voiceId);
  return scopedDb(scope).$transaction(async (tx) => {
    const current = await tx.agent.findUnique({ where: { id } });
    if (!current) throw notFound("Agent");
    assertRules({ ...current, ...patch });
    const agent = await tx.agent.update({ where: { id }, data: patch, include: withNumbers });
    await recordAudit(tx, scope, "agent.update", { type: "agent", id }, { fields: Object.keys(patch) });
    return agent;
  });
}

export async function deleteAgent(scope: TenantScope, id: string): Promise<void> {
  await scopedDb(scope).$transaction(async (tx) => {
    await tx.agent.delete({ where: { id } }); // NOT_FOUND for another tenant's id
    await recordAudit(tx, scope, "agent.delete", { type: "agent", id });
  });
}

/** "Ava (copy)", then "Ava (copy 2)", ... ; copying a copy copies from the original's name. */
async function nextCopyName(tx: ScopedTx, sourceName: string): Promise<string> {
  const base = sourceName.replace(/ \(copy(?: \d+)?\)$/, "").slice(0, 66);
  const taken = new Set(
    (await tx.agent.findMany({ where: { name: { startsWith: `${base} (copy` } }, select: { name: true } })).map((a) => a.name),
  );
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${base} (copy)` : `${base} (copy ${n})`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** A copy with every setting, disabled and without phone numbers, so it never takes calls by surprise. */
export async function duplicateAgent(scope: TenantScope, id: string): Promise<AgentWithNumbers> {
  return scopedDb(scope).$transaction(async (tx) => {
    const source = await tx.agent.findUnique({ where: { id } });
    if (!source) throw notFound("Agent");
    await assertAgentQuota(tx, scope);
    const { id: _id, tenantId: _t, createdAt: _c, updatedAt: _u, businessHours, ...settings } = source;
    const name = await nextCopyName(tx, source.name);
    const copy = await tx.agent.create({
      data: { ...settings, businessHours: businessHours ?? {}, name, enabled: false },
      include: withNumbers,
    });
    await recordAudit(tx, scope, "agent.duplicate", { type: "agent", id: copy.id }, { sourceId: id });
    return copy;
  });
}
