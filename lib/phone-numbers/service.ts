// Phone numbers of one tenant. A number is unique platform-wide and points at one agent of the same
// tenant (or none). Every query goes through scopedDb(scope); agent ids from the client are looked up
// through it before use (and the database refuses a cross-tenant link regardless). Typed (simulated)
// numbers are for workspaces without Twilio; with Twilio, numbers are bought or imported (provisioning.ts).
import type { TelephonyProvider } from "../db/generated/enums";
import { isUniqueViolation } from "../db/unique-violation";
import { AppError, notFound } from "../errors";
import { pageArgs, toPage, type Page, type PageQuery } from "../http/page";
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

/** The API's list: a page at a time, newest first. */
export async function listPhoneNumbersPage(scope: TenantScope, q: PageQuery): Promise<Page<PhoneNumberWithAgent>> {
  return toPage(await scopedDb(scope).phoneNumber.findMany({ ...pageArgs(q), include: withAgent }), q);
}

export async function getPhoneNumberOrThrow(scope: TenantScope, id: string): Promise<PhoneNumberWithAgent> {
  const number = await scopedDb(scope).phoneNumber.findUnique({ where: { id }, include: withAgent });
  if (!number) throw notFound("Phone number");
  return number;
}

/** A number another workspace holds, said without saying so: nothing tells whether it is on the platform. */
export const NUMBER_NOT_AVAILABLE = "This number is not available to this workspace";

/** The workspace's room for one more number (read without a lock: a fast refusal before a purchase). */
export async function assertNumberQuota(scope: TenantScope): Promise<void> {
  const db = scopedDb(scope);
  const [tenant, count] = await Promise.all([db.tenant.findFirst({ select: { maxPhoneNumbers: true } }), db.phoneNumber.count()]);
  if (!tenant) throw notFound("Workspace");
  if (count >= tenant.maxPhoneNumbers) throw quotaError(tenant.maxPhoneNumbers);
}

const quotaError = (max: number) => new AppError("QUOTA_EXCEEDED", `Your plan allows ${countOf(max, "phone number")}. ${QUOTA_ADVICE}`);

type NewNumber = PhoneNumberCreateInput & { provider?: TelephonyProvider; providerSid?: string | null };

/**
 * Stores a number for the tenant (plan limit under the tenant lock). A duplicate is PHONE_NUMBER_TAKEN,
 * worded generically: `notAvailable` when another workspace holds it (import words it its own way).
 */
export async function insertPhoneNumber(scope: TenantScope, input: NewNumber, notAvailable = NUMBER_NOT_AVAILABLE): Promise<PhoneNumberWithAgent> {
  let e164: string | undefined;
  try {
    return await scopedDb(scope).$transaction(async (tx) => {
      // One read of the tenant row: the lock also brings the country the number is read in.
      const { maxPhoneNumbers, country } = await lockTenantQuotas(tx, scope);
      e164 = toE164(input.e164, country);
      if ((await tx.phoneNumber.count()) >= maxPhoneNumbers) throw quotaError(maxPhoneNumbers);
      await assertAgentInTenant(tx, input.agentId);
      const number = await tx.phoneNumber.create({ data: { ...input, e164 }, include: withAgent });
      const action = input.provider === "TWILIO" ? "phone_number.provision" : "phone_number.create";
      await recordAudit(tx, scope, action, { type: "phone_number", id: number.id }, { e164: number.e164, providerSid: number.providerSid });
      return number;
    });
  } catch (err) {
    if (isUniqueViolation(err, ["e164"])) {
      // Only the workspace's own number is named as such; another workspace's is "not available".
      const own = e164 && (await scopedDb(scope).phoneNumber.findUnique({ where: { e164 }, select: { id: true } }));
      throw new AppError("PHONE_NUMBER_TAKEN", own ? "This number is already in your workspace" : notAvailable, { field: "e164" });
    }
    throw err;
  }
}

/** A typed number (simulation). With Twilio connected a number must be bought or imported instead. */
export async function createPhoneNumber(scope: TenantScope, input: PhoneNumberCreateInput, opts: { twilio: boolean }): Promise<PhoneNumberWithAgent> {
  if (opts.twilio) {
    throw new AppError("CONFLICT", "Twilio is connected: buy a number or import one from your Twilio account", { field: "e164" });
  }
  return insertPhoneNumber(scope, input);
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

/** Removes our row (after provisioning.ts released a Twilio number at Twilio). */
export async function deletePhoneNumber(scope: TenantScope, id: string): Promise<void> {
  await scopedDb(scope).$transaction(async (tx) => {
    await tx.phoneNumber.delete({ where: { id } }); // NOT_FOUND for another tenant's id
    await recordAudit(tx, scope, "phone_number.delete", { type: "phone_number", id });
  });
}
