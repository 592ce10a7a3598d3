// Agents of one tenant. Every query is scoped by scope.tenantId; an id of another tenant is "not found".
import { getDb } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { lockTenantQuotas } from "../tenant/quotas";
import { AppError, notFound } from "../errors";
import { recordAudit } from "../audit/record";
import type { TenantScope } from "../tenant/scope";
import { agentRuleIssues, type AgentCreateInput, type AgentUpdateInput } from "./schemas";
import type { AgentWithNumbers } from "./serialize";

const withNumbers = { phoneNumbers: { select: { id: true, e164: true }, orderBy: { e164: "asc" } } } as const;

function assertRules(a: Parameters<typeof agentRuleIssues>[0]): void {
  const issue = agentRuleIssues(a)[0];
  if (issue) throw new AppError("VALIDATION_FAILED", issue.message, { field: issue.path });
}

export async function listAgents(tenantId: string): Promise<AgentWithNumbers[]> {
  return getDb().agent.findMany({ where: { tenantId }, include: withNumbers, orderBy: { createdAt: "desc" } });
}

export async function getAgentOrThrow(tenantId: string, id: string): Promise<AgentWithNumbers> {
  const agent = await getDb().agent.findFirst({ where: { id, tenantId }, include: withNumbers });
  if (!agent) throw notFound("Agent");
  return agent;
}

async function assertAgentQuota(tx: Prisma.TransactionClient, tenantId: string) {
  const { maxAgents } = await lockTenantQuotas(tx, tenantId);
  const count = await tx.agent.count({ where: { tenantId } });
  if (count >= maxAgents) {
    throw new AppError("QUOTA_EXCEEDED", `Your plan allows ${maxAgents} agents; delete one or upgrade`);
  }
}

export async function createAgent(scope: TenantScope, input: AgentCreateInput): Promise<AgentWithNumbers> {
  assertRules(input);
  return getDb().$transaction(async (tx) => {
    await assertAgentQuota(tx, scope.tenantId);
    const agent = await tx.agent.create({ data: { ...input, tenantId: scope.tenantId }, include: withNumbers });
    await recordAudit(tx, scope, "agent.create", { type: "agent", id: agent.id });
    return agent;
  });
}

export async function updateAgent(scope: TenantScope, id: string, patch: AgentUpdateInput): Promise<AgentWithNumbers> {
  return getDb().$transaction(async (tx) => {
    const current = await tx.agent.findFirst({ where: { id, tenantId: scope.tenantId } });
    if (!current) throw notFound("Agent");
    assertRules({ ...current, ...patch });
    const agent = await tx.agent.update({ where: { id: current.id }, data: patch, include: withNumbers });
    await recordAudit(tx, scope, "agent.update", { type: "agent", id }, { fields: Object.keys(patch) });
    return agent;
  });
}

export async function deleteAgent(scope: TenantScope, id: string): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const { count } = await tx.agent.deleteMany({ where: { id, tenantId: scope.tenantId } });
    if (count === 0) throw notFound("Agent");
    await recordAudit(tx, scope, "agent.delete", { type: "agent", id });
  });
}

/** "Ava (copy)", then "Ava (copy 2)", ... ; copying a copy copies from the original's name. */
async function nextCopyName(tx: Prisma.TransactionClient, tenantId: string, sourceName: string): Promise<string> {
  const base = sourceName.replace(/ \(copy(?: \d+)?\)$/, "").slice(0, 66);
  const taken = new Set(
    (await tx.agent.findMany({ where: { tenantId, name: { startsWith: `${base} (copy` } }, select: { name: true } })).map((a) => a.name),
  );
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${base} (copy)` : `${base} (copy ${n})`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** A copy with every setting, disabled and without phone numbers, so it never takes calls by surprise. */
export async function duplicateAgent(scope: TenantScope, id: string): Promise<AgentWithNumbers> {
  return getDb().$transaction(async (tx) => {
    const source = await tx.agent.findFirst({ where: { id, tenantId: scope.tenantId } });
    if (!source) throw notFound("Agent");
    await assertAgentQuota(tx, scope.tenantId);
    const { id: _id, createdAt: _c, updatedAt: _u, businessHours, ...settings } = source;
    const name = await nextCopyName(tx, scope.tenantId, source.name);
    const copy = await tx.agent.create({
      data: { ...settings, businessHours: businessHours ?? {}, name, enabled: false },
      include: withNumbers,
    });
    await recordAudit(tx, scope, "agent.duplicate", { type: "agent", id: copy.id }, { sourceId: id });
    return copy;
  });
}
