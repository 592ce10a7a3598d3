// Phone numbers of one tenant. A number is unique platform-wide and points at one agent of the same
// tenant (or none). Every query goes through scopedDb(scope); agent ids from the client are looked up
// through it before use (and the database refuses a cross-tenant link regardless).
import { isUniqueViolation } from "../db/unique-violation";
import { AppError, notFound } from "../errors";
import { recordAudit } from "../audit/record";
import { lockTenantQuotas } from "../tenant/quotas";
import type { TenantScope } from "../tenant/scope";
import { scopedDb, type ScopedTx } from "../tenant/scoped-db";
import { PLAN_LIMIT_ADVICE } from "../text/plan-limits";
import { countOf } from "../text/plural";
import { parsePhoneNumberInput } from "./parse-phone";
import type { PhoneNumberCreateInput, PhoneNumberUpdateInput } from "./schemas";
import type { PhoneNumberWithAgent } from "./serialize";

const withAgent = { agent: { select: { id: true, name: true } } } as const;

async function assertAgentInTenant(tx: ScopedTx, agentId: string | null | undefined) {
  if (!agentId) return;
  const agent = await tx.agent.findUnique({ where: { id: agentId }, select: { id: true } });
  if (!agent) throw new AppError("NOT_FOUND", "Agent not found", { field: "agentId" });
}

const QUOTA_ADVICE = `Remove a number to add another. ${PLAN_LIMIT_ADVICE}`;

/** The typed number as E.164, national formats read in the workspace's country (Tenant.country). */
function toE164(raw: string, country: string): string {
  const parsed = parsePhoneNumberInput(raw, country);
  if (!parsed.ok) throw new AppError("VALIDATION_FAILED", parsed.message, { field: "e164" });
  return parsed.e164;
}


export async function listPhoneNumbers(scope: TenantScope): Promise<PhoneNumberWithAgent[]> {
  return scopedDb(scope).phoneNumber.findMany({ include: withAgent, orderBy: { createdAt: "desc" } });
}

export async function getPhoneNumberOrThrow(scope: TenantScope, id: string): Promise<PhoneNumberWithAgent> {
  const number = await scopedDb(scope).phoneNumber.findUnique({ where: { id }, include: withAgent });
  if (!number) throw notFound("Phone number");
  return number;
}

export async function createPhoneNumber(scope: TenantScope, input: PhoneNumberCreateInput): Promise<PhoneNumberWithAgent> {
  try {
    return await scopedDb(scope).$transaction(async (tx) => {
      // One read of the tenant row: the lock also brings the country the number is read in.
      const { maxPhoneNumbers, country } = await lockTenantQuotas(tx, scope);
      const e164 = toE164(input.e164, country);
      if ((await tx.phoneNumber.count()) >= maxPhoneNumbers) {
        throw new AppError("QUOTA_EXCEEDED", `Your plan allows ${countOf(maxPhoneNumbers, "phone number")}. ${QUOTA_ADVICE}`);
      }
      await assertAgentInTenant(tx, input.agentId);
      const number = await tx.phoneNumber.create({ data: { ...input, e164 }, include: withAgent });
      await recordAudit(tx, scope, "phone_number.create", { type: "phone_number", id: number.id }, { e164: number.e164 });
      return number;
    });
  } catch (err) {
    if (isUniqueViolation(err, ["e164"])) {
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
  return scopedDb(scope).$transaction(async (tx) => {
    const current = await tx.phoneNumber.findUnique({ where: { id }, select: { id: true } });
    if (!current) throw notFound("Phone number");
    await assertAgentInTenant(tx, patch.agentId);
    const number = await tx.phoneNumber.update({ where: { id }, data: patch, include: withAgent });
    await recordAudit(tx, scope, "phone_number.update", { type: "phone_number", id }, { fields: Object.keys(patch) });
    return number;
  });
}

export async function deletePhoneNumber(scope: TenantScope, id: string): Promise<void> {
  await scopedDb(scope).$transaction(async (tx) => {
    await tx.phoneNumber.delete({ where: { id } }); // NOT_FOUND for another tenant's id
    await recordAudit(tx, scope, "phone_number.delete", { type: "phone_number", id });
  });
}
