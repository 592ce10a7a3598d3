// Costs a finished call and stores it: Call.costCents + Call.costBreakdown, and UsageRecord.costMicros for
// each record. Run by whatever ends a call (the voice server's end write, the lost-call reaper, Twilio's
// final status callback), possibly twice and concurrently: each run locks the Call row first, so the last
// run reads every record written before it and the stored cost is always the complete one.
// No "server-only" marker: the voice server and the worker (plain Node) import it.
import type { Logger } from "pino";
import { getEnv, type Env } from "../env";
import type { Prisma } from "../db/generated/client";
import type { ScopedDb, ScopedTx } from "../tenant/scoped-db";
import { computeCallCost, toStoredBreakdown, type CallCost } from "./call-cost";
import { readUsageSources, usageSourcesFor } from "./usage-sources";

// Calls end together (a busy hour's hang-ups, a voice server draining): 200 calls ending within a second
// on a pool of 10 connections waited past Prisma's default 2 s for one, and ~100 of them were left
// unpriced (measured with npm run bench:voice -- --config remote --calls 200). Costing is not urgent:
// wait for a connection as long as it takes the queue to drain, and give a slow, busy database time.
const PRICE_TX = { maxWait: 60_000, timeout: 30_000 } as const;

export async function priceCall(db: ScopedDb, callId: string, opts: { logger?: Pick<Logger, "warn">; env?: Env } = {}): Promise<CallCost | null> {
  const cost = await db.$transaction(async (tx) => {
    // An UPDATE first: it takes the row lock a concurrent run waits on, so what is read next is current.
    const { count } = await tx.call.updateMany({ where: { id: callId }, data: { updatedAt: new Date() } });
    if (count === 0) return null;
    const call = await tx.call.findUniqueOrThrow({ where: { id: callId }, select: { provider: true, direction: true, durationSec: true, metadata: true, agentId: true } });
    const usage = await tx.usageRecord.findMany({ where: { callId }, select: { id: true, kind: true, model: true, quantity: true, costMicros: true }, orderBy: { id: "asc" } });
    // A call from before costing recorded no sources: today's selection and the agent's model are the best guess.
    const sources = readUsageSources(call.metadata) ?? usageSourcesFor(await agentModel(tx, call.agentId), opts.env ?? getEnv());
    const cost = computeCallCost({
      usage,
      sources,
      telephony: {
        channel: call.direction === "WEB" ? "web" : call.provider === "TWILIO" ? "twilio" : "local",
        direction: call.direction === "OUTBOUND" ? "OUTBOUND" : "INBOUND",
        durationSec: call.durationSec,
      },
    });
    // Records are costed as they are written; only those that differ (CALL_SECONDS, a changed price) are rewritten.
    for (const [i, u] of usage.entries()) {
      if (u.costMicros !== cost.recordMicros[i]) await tx.usageRecord.update({ where: { id: u.id }, data: { costMicros: cost.recordMicros[i]! } });
    }
    await tx.call.update({ where: { id: callId }, data: { costCents: cost.totalCents, costBreakdown: toStoredBreakdown(cost) as unknown as Prisma.InputJsonValue } });
    return cost;
  }, PRICE_TX);
  if (cost?.warnings.length) opts.logger?.warn({ callId, warnings: cost.warnings }, "call costed with assumed prices");
  return cost;
}

async function agentModel(tx: ScopedTx, agentId: string | null): Promise<{ llmModel: string; ttsModel: string | null }> {
  const agent = agentId ? await tx.agent.findUnique({ where: { id: agentId }, select: { llmModel: true, ttsModel: true } }) : null;
  return { llmModel: agent?.llmModel ?? "", ttsModel: agent?.ttsModel ?? null };
}
