// The model's tool calls, run through the engine's runner (the same tools and records as the cascade):
// each output goes back as a function_call_output item and the model answers it, or, when a tool
// committed the call to a hand-over or hang-up with no words of its own, the engine says the line.
// A tool runs to its end when the caller barges in (its effect, a saved message, is real) and when the
// model's socket drops: its output then reaches the reopened socket with the history, and the answer
// is asked for once the conversation is restored and every such tool has finished (answerOrphans).
import type { AfterReply } from "../../../conversation/call-lifecycle";
import { prompts } from "../../../conversation/prompts";
import { runTool, type ToolOutcome } from "../../../conversation/tools";
import type { ToolName } from "../../responder/types";
import { parseToolArgs, toolContent } from "../messages";
import type { S2sCall } from "./context";
import type { HistoryLine } from "./history";
import { PLAIN_REPLY, type Reply } from "./replies";

export class ToolRunner {
  constructor(
    private readonly call: S2sCall,
    /** The reply may have been heard in full by now: act on it. */
    private readonly settle: (reply: Reply) => void,
  ) {}

  /** Runs a finished response's tool calls in order, then has their outputs answered. */
  async run(reply: Reply): Promise<void> {
    const { history, replies } = this.call;
    reply.toolsRunning = true;
    // Logged before they run: a socket reopened meanwhile must hold the calls whose outputs are coming.
    for (const call of reply.calls) {
      const line: HistoryLine = { role: "tool_call", callId: call.callId, name: call.name, args: call.args };
      reply.callLine ??= line;
      history.add(line);
    }
    for (const call of reply.calls) {
      const name = call.name as ToolName;
      const outcome = await this.runOne(name, parseToolArgs(call.args));
      if (!outcome) return;
      const output = toolContent({ role: "tool_result", id: call.callId, name, result: outcome.result });
      history.add({ role: "tool_output", callId: call.callId, output });
      this.call.send({ type: "conversation.item.create", item: { type: "function_call_output", call_id: call.callId, output } });
      const wanted = !reply.cancelled || replies.orphans.includes(reply);
      if (outcome.effect.kind !== "none" && wanted && reply.after.kind === "none") {
        reply.after = outcome.effect;
        reply.interruptible = false; // the agent committed to hand over or hang up
      }
    }
    reply.toolsRunning = false;
    if (replies.orphans.includes(reply)) {
      this.answerOrphans();
      return;
    }
    if (reply.cancelled || this.call.closing()) return;
    if (reply.after.kind === "none") {
      this.call.answer();
    } else if (!reply.items.some((i) => i.transcript.trim() || i.sentSamples > 0)) {
      // A transfer or hang-up without words of its own: the engine says the line, then acts.
      const after = reply.after;
      reply.after = { kind: "none" };
      sayThenAct(this.call, after);
    }
    this.settle(reply);
  }

  /**
   * Replies cut by a socket drop while their tools ran: once the socket is back and every such tool
   * has finished, the model answers their outputs (or the engine says the hand-over line a tool
   * committed to). true: an answer is owed (asked for now, or once the tools or the socket are done).
   */
  answerOrphans(): boolean {
    const { replies } = this.call;
    const orphans = replies.orphans;
    if (orphans.length === 0) return false;
    if (!this.call.online() || orphans.some((r) => r.toolsRunning)) return true;
    const after = orphans.find((r) => r.after.kind !== "none")?.after;
    replies.clearOrphans();
    if (this.call.closing()) return true;
    if (after) sayThenAct(this.call, after);
    else this.call.answer();
    return true;
  }

  /** The caller pressed 0: a transfer without asking the model. */
  async transferByKey(): Promise<void> {
    const outcome = await this.runOne("transfer_call", { reason: "caller pressed 0" });
    if (!outcome) return;
    if (outcome.effect.kind === "transfer") sayThenAct(this.call, outcome.effect);
    else this.call.say(prompts.apology, PLAIN_REPLY);
  }

  /** One tool, with its events and TOOL turn. null: the call ended while it ran. */
  private async runOne(name: ToolName, args: Record<string, unknown>): Promise<ToolOutcome | null> {
    const { deps, life } = this.call;
    life.emit("tool.started", { name, args });
    const started = deps.now();
    const outcome = await runTool(deps.profile, deps.actions, name, args, (e) => life.reportError(e, "tool"));
    if (life.ended) return null;
    this.call.recordTurn({ role: "TOOL", text: name, toolName: name, toolArgs: args, toolResult: outcome.result, startMs: life.rel(started), endMs: life.rel(deps.now()) });
    life.emit("tool.finished", { name, ok: outcome.result.ok });
    return outcome;
  }
}

/** The engine's own line for a hand-over or hang-up the call committed to; it happens once heard. */
export function sayThenAct(call: S2sCall, after: AfterReply): void {
  call.say(after.kind === "transfer" ? prompts.transferAnnouncement : prompts.endCallGoodbye, { interruptible: false, after });
}
