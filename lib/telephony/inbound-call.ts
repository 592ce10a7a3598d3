// An incoming call, from the called number to the decision: connect it to the agent (maybe in
// take-a-message mode), hand it to the transfer number, or refuse it with a reason. Every call to a
// known number is logged as a Call row, refused ones included; one to an unknown number has no
// tenant to log it under, so it goes to the log and to a tenantless audit entry.
// The number is looked up platform-wide (it is unique across workspaces); everything after that acts
// for its tenant only, through a system scope.
import type { Prisma } from "../db/generated/client";
import { isOpenAt } from "../agents/business-hours";
import { getLogger } from "../logger";
import { platformDb } from "../tenant/platform-db";
import { systemDb } from "../tenant/system-scope";
import { getEnv } from "../env";
import { linesBusy, minutesExhausted, voiceCapacityFull } from "./plan-limits";
import { isCallRefusal, type CallRefusal } from "./refusals";

export type InboundCall = {
  callSid: string;
  from: string;
  to: string;
  now?: Date;
  /** With Twilio keys set: only numbers bought or imported through the account (a providerSid) route calls. */
  provisionedOnly?: boolean;
  /** The deployment's voice capacity; absent: VOICE_MAX_CALLS; present but undefined: no limit. */
  voiceMaxCalls?: number;
};

export type CallMode = "after_hours_message" | "after_hours_transfer";

/** The row's fields the decision sets. */
type Decision = {
  status: "IN_PROGRESS" | "COMPLETED";
  endedReason?: CallRefusal | "TRANSFERRED";
  mode?: CallMode;
};

export type AgentView = { id: string; language: string; afterHoursMessage: string | null; transferPhoneNumber: string | null };

/** What the call ended up as (for a retried webhook: what the first attempt stored). */
export type InboundOutcome =
  | { kind: "unknown_number" }
  | { kind: "refused"; callId: string; reason: CallRefusal; agent: AgentView | null }
  | { kind: "connected"; callId: string; mode?: CallMode; agent: AgentView };

const log = () => getLogger("telephony");

export async function receiveInboundCall(input: InboundCall): Promise<InboundOutcome> {
  const now = input.now ?? new Date();
  const number = await platformDb("telephony").phoneNumber.findUnique({
    where: { e164: input.to },
    select: { id: true, tenantId: true, agentId: true, provider: true, providerSid: true },
  });
  // A typed number on a workspace is no claim on a real line: it is as unknown as one nobody holds.
  if (!number || (input.provisionedOnly && (number.provider !== "TWILIO" || !number.providerSid))) {
    await logUnknownNumber(input);
    return { kind: "unknown_number" };
  }
  const { db } = systemDb(number.tenantId, "voice-call");
  const [tenant, agent] = await Promise.all([
    db.tenant.findFirst({ select: { status: true, monthlyMinutesQuota: true, maxConcurrentCalls: true } }),
    number.agentId ? db.agent.findUnique({ where: { id: number.agentId } }) : null,
  ]);
  if (!tenant) return { kind: "unknown_number" }; // deleted between the two reads

  let decision: Decision;
  if (tenant.status !== "ACTIVE") decision = refuse("TENANT_SUSPENDED");
  else if (!agent || !agent.enabled) decision = refuse("AGENT_DISABLED");
  else if (await minutesExhausted(db, tenant.monthlyMinutesQuota, now)) decision = refuse("QUOTA_EXCEEDED");
  else if (await linesBusy(db, tenant.maxConcurrentCalls, now)) decision = refuse("LINES_BUSY");
  else if (await voiceCapacityFull("voiceMaxCalls" in input ? input.voiceMaxCalls : getEnv().VOICE_MAX_CALLS, now)) {
    // Not the workspace's plan: the platform is full. Operators need to hear of it, the caller hears "busy".
    log().warn({ tenant: number.tenantId, callSid: input.callSid }, "voice capacity reached (VOICE_MAX_CALLS): call refused as lines busy");
    decision = refuse("LINES_BUSY");
  } else decision = isOpenAt(agent, now) ? { status: "IN_PROGRESS" } : afterHours(agent);

  // The tenant comes from the scope (the number's workspace), never from the request.
  const data: Omit<Prisma.CallUncheckedCreateInput, "tenantId"> = {
    agentId: agent?.id ?? null,
    phoneNumberId: number.id,
    provider: "TWILIO",
    providerCallId: input.callSid,
    fromNumber: input.from,
    toNumber: input.to,
    direction: "INBOUND",
    status: decision.status,
    startedAt: now,
    // Answering with TwiML answers the call, refusals too (the caller hears the refusal).
    answeredAt: now,
    endedAt: decision.status === "COMPLETED" ? now : null,
    endedReason: decision.endedReason ?? null,
    metadata: decision.mode ? { mode: decision.mode } : undefined,
  };
  // Twilio retries a webhook that timed out: the same CallSid must stay one row. ON CONFLICT DO
  // NOTHING, then read back whichever attempt won, and answer as that one decided.
  await db.call.createMany({ data: [data], skipDuplicates: true });
  const call = await db.call.findUnique({
    where: { provider_providerCallId: { provider: "TWILIO", providerCallId: input.callSid } },
    select: { id: true, endedReason: true, metadata: true },
  });
  if (!call) throw new Error(`Call ${input.callSid} is held by another workspace`); // CallSids are Twilio's: cannot happen
  const agentView = agent && { id: agent.id, language: agent.language, afterHoursMessage: agent.afterHoursMessage, transferPhoneNumber: agent.transferPhoneNumber };
  if (isCallRefusal(call.endedReason)) {
    const reason = call.endedReason;
    log().info({ callId: call.id, tenant: number.tenantId, reason }, "call refused");
    return { kind: "refused", callId: call.id, reason, agent: agentView };
  }
  const mode = modeOf(call.metadata);
  if (!agentView) throw new Error(`Call ${call.id} was connected without an agent`);
  return { kind: "connected", callId: call.id, mode, agent: agentView };
}

function refuse(reason: CallRefusal): Decision {
  return { status: "COMPLETED", endedReason: reason };
}

function afterHours(agent: { afterHoursAction: string; transferPhoneNumber: string | null }): Decision {
  switch (agent.afterHoursAction) {
    case "ANSWER_NORMALLY":
      return { status: "IN_PROGRESS" };
    case "PLAY_MESSAGE_AND_HANG_UP":
      return refuse("AFTER_HOURS");
    case "TRANSFER":
      // Without a number to transfer to (the schema requires one, but old rows may lack it): take a message.
      if (agent.transferPhoneNumber) return { status: "IN_PROGRESS", mode: "after_hours_transfer", endedReason: "TRANSFERRED" };
      return { status: "IN_PROGRESS", mode: "after_hours_message" };
    default:
      return { status: "IN_PROGRESS", mode: "after_hours_message" };
  }
}

function modeOf(metadata: unknown): CallMode | undefined {
  const mode = (metadata as { mode?: unknown } | null)?.mode;
  return mode === "after_hours_message" || mode === "after_hours_transfer" ? mode : undefined;
}

/** How far back a retried webhook's audit row is looked for (wall clock: createdAt is the database's now()). */
const DEDUPE_WINDOW_MS = 60 * 60 * 1000;

async function logUnknownNumber(input: InboundCall): Promise<void> {
  log().warn({ callSid: input.callSid, to: input.to }, "call to a number no workspace holds: refused");
  const db = platformDb("telephony");
  // Once per CallSid, however often Twilio retries the webhook. Retries come within minutes, so only
  // the last hour's tenantless rows are looked at: the (tenantId, createdAt) index bounds the scan,
  // which would otherwise read every platform-level audit row ever written.
  const seen = await db.auditLog.findFirst({
    where: { tenantId: null, createdAt: { gte: new Date(Date.now() - DEDUPE_WINDOW_MS) }, action: "call.refused", targetId: input.callSid },
    select: { id: true },
  });
  if (seen) return;
  await db.auditLog.create({
    data: {
      tenantId: null,
      action: "call.refused",
      targetType: "call",
      targetId: input.callSid,
      metadata: { reason: "UNKNOWN_NUMBER", to: input.to, from: input.from, provider: "TWILIO" },
    },
  });
}
