// Phone numbers of one tenant. A number is unique platform-wide and points at one agent of the same
// tenant (or none). Agent ids from the client are checked against the tenant before use.
import { getDb } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { AppError, notFound } from "../errors";
import { recordAudit } from "../audit/record";
import { lockTenantQuotas } from "../tenant/quotas";
import type { TenantScope } from "../tenant/scope";
import type { PhoneNumberCreateInput, PhoneNumberUpdateInput } from "./schemas";
import type { PhoneNumberWithAgent } from "./serialize";

const withAgent = { agent: { select: { id: true, name: true } } } as const;

async function assertAgentInTenant(tx: Prisma.TransactionClient, tenantId: string, agentId: string | null | undefined) {
  if (!agentId) return;
  const agent = await tx.agent.findFirst({ where: { id: agentId, tenantId }, select: { id: true } });
  if (!agent) throw new AppError("NOT_FOUND", "Agent not found", { field: "agentId" });
}

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === "P2002";
}

export async function listPhoneNumbers(tenantId: string): Promise<PhoneNumberWithAgent[]> {
  return getDb().phoneNumber.findMany({ where: { tenantId }, include: withAgent, orderBy: { createdAt: "desc" } });
}

export async function getPhoneNumberOrThrow(tenantId: string, id: string): Promise<PhoneNumberWithAgent> {
  const number = await getDb().phoneNumber.findFirst({ where: { id, tenantId }, include: withAgent });
  if (!number) throw notFound("Phone number");
  return number;
}

export async function createPhoneNumber(scope: TenantScope, input: PhoneNumberCreateInput): Promise<PhoneNumberWithAgent> {
  try {
    return await getDb().$transaction(async (tx) => {
      const { maxPhoneNumbers } = await lockTenantQuotas(tx, scope.tenantId);
      if ((await tx.phoneNumber.count({ where: { tenantId: scope.tenantId } })) >= maxPhoneNumbers) {
        throw new AppError("QUOTA_EXCEEDED", `Your plan allows ${maxPhoneNumbers} phone numbers; remove one or upgrade`);
      }
      await assertAgentInTenant(tx, scope.tenantId, input.agentId);
      const number = await tx.phoneNumber.create({ data: { ...input, tenantId: scope.tenantId }, include: withAgent });
      await recordAudit(tx, scope, "phone_number.create", { type: "phone_number", id: number.id }, { e164: number.e164 });
      return number;
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError("PHONE_NUMBER_TAKEN", "This phone number is already in use", { field: "e164" });
    }
    throw err;
  }
}

export async function updatePhoneNumber(
  scope: TenantScope,
  id: string,
  patch: PhoneNumberUpdateInput,
): Promise<PhoneNumberWithAgent> {
  return getDb().$transaction(async (tx) => {
    const current = await tx.phoneNumber.findFirst({ where: { id, tenantId: scope.tenantId }, select: { id: true } });
    if (!current) throw notFound("Phone number");
    await assertAgentInTenant(tx, scope.tenantId, patch.agentId);
    const number = await tx.phoneNumber.update({ where: { id: current.id }, data: patch, include: withAgent });
    await recordAudit(tx, scope, "phone_number.update", { type: "phone_number", id }, { fields: Object.keys(patch) });
    return number;
  });
}

export async function deletePhoneNumber(scope: TenantScope, id: string): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const { count } = await tx.phoneNumber.deleteMany({ where: { id, tenantId: scope.tenantId } });
    if (count === 0) throw notFound("Phone number");
    await recordAudit(tx, scope, "phone_number.delete", { type: "phone_number", id });
  });
}
