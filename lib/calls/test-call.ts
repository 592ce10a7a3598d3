// A test call from the dashboard: the agent answers a signed-in user's browser (microphone or chat)
// instead of a phone. The Call row is written here (direction WEB, QUEUED until the browser's socket
// opens it on the voice server); the route adds a short-lived test-call token for that socket.
// The same plan limits apply as to a phone call: it holds a line and spends minutes.
import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { getEnv } from "../env";
import { AppError, notFound } from "../errors";
import { linesBusy, minutesExhausted, voiceCapacityFull } from "../telephony/plan-limits";
import type { TenantScope } from "../tenant/scope";
import { scopedDb } from "../tenant/scoped-db";
import { BROWSER_CALL_PATH, BROWSER_CHAT_PATH } from "./test-call-paths";

export const testCallInput = z.strictObject({ mode: z.enum(["voice", "text"]).default("voice") });
export type TestCallInput = z.infer<typeof testCallInput>;

export interface TestCallTicket {
  callId: string;
  agentId: string;
  /** The voice server's socket; the browser adds `?token=…&callId=…`. */
  url: string;
}

/** ws(s):// URL of a voice-server path, whatever scheme VOICE_PUBLIC_URL was given in. */
export function browserSocketUrl(path: string, voicePublicUrl: string = getEnv().VOICE_PUBLIC_URL): string {
  const base = voicePublicUrl.replace(/\/+$/, "").replace(/^http(s?):/i, "ws$1:");
  return `${base}${path}`;
}

export async function startTestCall(scope: TenantScope, agentId: string, input: TestCallInput, now = new Date()): Promise<TestCallTicket> {
  if (!scope.actor.userId) throw new AppError("FORBIDDEN", "A test call needs a signed-in person");
  const db = scopedDb(scope);
  const [agent, tenant] = await Promise.all([
    db.agent.findUnique({ where: { id: agentId }, select: { id: true, name: true, enabled: true } }),
    db.tenant.findFirst({ select: { monthlyMinutesQuota: true, maxConcurrentCalls: true } }),
  ]);
  if (!agent || !tenant) throw notFound("Agent");
  if (!agent.enabled) throw new AppError("AGENT_DISABLED", "This agent is switched off. Enable it to test it.");
  if (await minutesExhausted(db, tenant.monthlyMinutesQuota, now)) {
    throw new AppError("QUOTA_EXCEEDED", "This month's call minutes are used up, so the agent cannot take a test call.");
  }
  if (await linesBusy(db, tenant.maxConcurrentCalls, now)) {
    throw new AppError("LINES_BUSY", "Every line of your plan is in use. Try again when a call has ended.");
  }
  if (await voiceCapacityFull(getEnv().VOICE_MAX_CALLS, now)) {
    throw new AppError("LINES_BUSY", "The voice service is at capacity right now. Try again in a few minutes.");
  }
  const channel = input.mode === "text" ? "chat" : "voice";
  const call = await db.call.create({
    data: {
      agentId: agent.id,
      provider: "LOCAL",
      providerCallId: `web_${randomBytes(12).toString("hex")}`,
      fromNumber: "browser",
      toNumber: agent.name.slice(0, 64),
      direction: "WEB",
      status: "QUEUED",
      startedAt: now,
      // A beat at creation: a browser that never connects leaves a stale beat, and the reaper closes
      // the call (it cannot be opened once its token has expired anyway).
      heartbeatAt: now,
      metadata: { channel, testedBy: scope.actor.userId },
    },
    select: { id: true },
  });
  return { callId: call.id, agentId: agent.id, url: browserSocketUrl(channel === "chat" ? BROWSER_CHAT_PATH : BROWSER_CALL_PATH) };
}
