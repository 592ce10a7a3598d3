// `npm run call -- --text`: the same call without audio. The engine runs in this process through the
// text transport, against the configured database (DATABASE_URL, or the embedded one, served by
// `npm run dev` or opened here): the Call row is made by the same code as the voice webhook's (so the
// number, the tenant's state and the business hours decide as they would on a phone call), and the
// turns, events, tool calls and messages are persisted as on a phone call. No app or voice server needed.
import { createDb, setDb } from "../../lib/db/client";
import { withDatabase } from "../../lib/db/with-database";
import { createCallActions } from "../../lib/calls/live/call-actions";
import { loadAgentProfile } from "../../lib/calls/live/agent-profile";
import { createCallPersistence } from "../../lib/calls/live/call-persistence";
import { createTextConversation, type AgentReply } from "../../lib/conversation/text-transport";
import { getLogger } from "../../lib/logger";
import { getResponderProvider } from "../../lib/providers/responder";
import { receiveInboundCall } from "../../lib/telephony/inbound-call";
import { refusalMessage, TRANSFER_ANNOUNCEMENT } from "../../lib/telephony/refusals";
import { platformDb } from "../../lib/tenant/platform-db";
import { systemDb } from "../../lib/tenant/system-scope";
import type { SimOptions } from "./args";
import { SimError } from "./errors";
import { newTwilioSid } from "../../lib/providers/twilio/call-sid";

export interface TextLine {
  who: "agent" | "caller";
  text: string;
  /** Agent lines: the caller's line (or key) → this reply, ms on this process's clock. */
  replyMs?: number;
}

export interface TextCallResult {
  callSid: string;
  callId: string | null;
  outcome: "completed" | "hung_up_by_agent" | "dialed";
  endReason: string | null;
  dialed?: string;
  lines: TextLine[];
  skippedSteps: number;
  printed: string;
}

function print(r: Omit<TextCallResult, "printed">): string {
  const out = [`text call ${r.callSid}${r.callId ? ` (Call ${r.callId})` : ""}: ${r.outcome.replace(/_/g, " ")}${r.endReason ? ` (${r.endReason})` : ""}`];
  for (const l of r.lines) out.push(`  ${l.who === "agent" ? "agent " : "caller"}: ${l.text}${l.replyMs !== undefined ? `   [${l.replyMs.toFixed(0)} ms]` : ""}`);
  if (r.dialed) out.push(`  transferred (<Dial>) to ${r.dialed}`);
  if (r.skippedSteps > 0) out.push(`  ${r.skippedSteps} step(s) not played: the call had ended`);
  return out.join("\n");
}

/** The CLI's entry: connects to the configured database for the length of the call. */
export async function runTextCall(opts: SimOptions): Promise<TextCallResult> {
  return withDatabase(async (url) => {
    const db = createDb(url, { max: 2 });
    setDb(db);
    try {
      return await converseInText(opts);
    } finally {
      await db.$disconnect();
      setDb(undefined);
    }
  });
}

/** The text call itself, on the process's database client (getDb). */
export async function converseInText(opts: SimOptions): Promise<TextCallResult> {
  const callSid = newTwilioSid("CA");
  const outcome = await receiveInboundCall({ callSid, from: opts.from, to: opts.to });
  if (outcome.kind === "unknown_number") throw new SimError("REFUSED", `the call was refused: ${refusalMessage("UNKNOWN_NUMBER")}`);
  if (outcome.kind === "refused") throw new SimError("REFUSED", `the call was refused (${outcome.reason}): ${refusalMessage(outcome.reason, outcome.agent)}`);
  if (outcome.mode === "after_hours_transfer" && outcome.agent.transferPhoneNumber) {
    const r = { callSid, callId: outcome.callId, outcome: "dialed" as const, endReason: null, dialed: outcome.agent.transferPhoneNumber, lines: [{ who: "agent" as const, text: TRANSFER_ANNOUNCEMENT }], skippedSteps: opts.script.length };
    return { ...r, printed: print(r) };
  }

  const call = await platformDb("telephony").call.findUnique({ where: { id: outcome.callId }, select: { tenantId: true } });
  if (!call) throw new SimError("REFUSED", `Call ${outcome.callId} disappeared before it was answered`);
  const { db } = systemDb(call.tenantId, "voice-call");
  const profile = await loadAgentProfile(db, outcome.agent.id);
  if (!profile) throw new SimError("REFUSED", `the agent of ${opts.to} could not be loaded`);
  const logger = getLogger("sim").child({ callId: outcome.callId });
  const persistence = createCallPersistence({ db, tenantId: call.tenantId, callId: outcome.callId, startedAt: new Date(), logger });
  const conversation = createTextConversation({
    callId: outcome.callId,
    profile,
    mode: outcome.mode === "after_hours_message" ? "after_hours_message" : "normal",
    responder: getResponderProvider().create(profile),
    actions: createCallActions({ db, callId: outcome.callId, profile }),
    observer: persistence,
    wallClock: () => new Date(),
  });

  const lines: TextLine[] = [];
  const agentSaid = (reply: AgentReply, since?: number) => {
    if (reply.text) lines.push({ who: "agent", text: reply.text, ...(since !== undefined && { replyMs: performance.now() - since }) });
  };
  persistence.event("call.started", { mode: outcome.mode ?? "normal", agentId: profile.agentId, transport: "text" });
  let last = await conversation.start();
  agentSaid(last);
  let played = 0;
  for (const step of opts.script) {
    if (last.ended) break;
    played++;
    const t = performance.now();
    if (step.kind === "say") {
      lines.push({ who: "caller", text: step.text });
      last = await conversation.say(step.text);
    } else if (step.kind === "dtmf") {
      lines.push({ who: "caller", text: `(presses ${step.digit})` });
      last = await conversation.dtmf(step.digit);
    } else {
      throw new SimError("UNSUPPORTED", "--wav cannot be used with --text"); // args.ts refuses it first
    }
    agentSaid(last, t);
  }
  const hungUpByAgent = last.ended;
  if (!hungUpByAgent) conversation.hangup();
  await persistence.flush();
  const r = {
    callSid,
    callId: outcome.callId,
    outcome: hungUpByAgent ? ("hung_up_by_agent" as const) : ("completed" as const),
    endReason: conversation.ended,
    ...(last.transferTo && { dialed: last.transferTo }),
    lines,
    skippedSteps: opts.script.length - played,
  };
  return { ...r, printed: print(r) };
}
