// The embedded default responder: rule-based, offline, and driven through the same Responder
// interface and tool loop as an LLM. Its dialogue state is a fold of the history (dialogue.ts); the
// object caches that fold so each turn only steps the new items, and refolds from scratch whenever the
// history it is given is not an extension of the one it saw (a fresh object, a rewritten history).
import type { AgentProfile, ConversationItem, Responder, ResponderEvent, ResponderProvider, RespondRequest } from "../types";
import { expectedCallerPhrases } from "./caller-phrases";
import { initialState, step, type DialogContext, type DialogState, type Reply } from "./dialogue";

const WORDS_PER_DELTA = 3;

/** The reply split into word groups, spaces kept, so the engine's chunker sees a real stream. */
export function wordGroups(text: string): string[] {
  const words = text.split(/(?<=\s)/);
  const out: string[] = [];
  for (let i = 0; i < words.length; i += WORDS_PER_DELTA) out.push(words.slice(i, i + WORDS_PER_DELTA).join(""));
  return out;
}

// Lets the abort signal and other calls' work in between deltas (a reply is a handful of them).
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

class LocalResponder implements Responder {
  private seen: ConversationItem[] = [];
  private stateAfterSeen: DialogState = initialState();

  async *respond(req: RespondRequest): AsyncIterable<ResponderEvent> {
    if (req.signal.aborted) return;
    const reply = this.replyFor(req);
    if (!reply) return;
    if (reply.text) {
      for (const delta of wordGroups(reply.text)) {
        if (req.signal.aborted) return;
        yield { type: "text", delta };
        await yieldToLoop();
      }
    }
    let n = req.history.filter((i) => i.role === "tool_call").length;
    for (const call of reply.calls) {
      if (req.signal.aborted) return;
      n += 1;
      yield { type: "tool_call", id: `local-call-${n}`, name: call.name, args: call.args };
    }
  }

  /** Folds everything before the last item (cached), then steps the last item for the reply. */
  private replyFor(req: RespondRequest): Reply | null {
    const ctx: DialogContext = { profile: req.profile, mode: req.mode, now: req.now, hearsNames: req.hearsNames, offered: new Set(req.tools.map((t) => t.name)) };
    const history = req.history;
    if (history.length === 0) return { text: "How can I help you today?", calls: [] };
    const prefix = history.length - 1;
    const extends_ = this.seen.length <= prefix && this.seen.every((item, i) => history[i] === item);
    let state = extends_ ? this.stateAfterSeen : initialState();
    for (let i = extends_ ? this.seen.length : 0; i < prefix; i++) state = step(state, history[i]!, ctx).state;
    this.seen = history.slice(0, prefix);
    this.stateAfterSeen = state;
    return step(state, history[prefix]!, ctx).reply;
  }
}

export const localResponderProvider: ResponderProvider = {
  name: "local",
  create(_profile: AgentProfile): Responder {
    return new LocalResponder();
  },
  expectedCallerPhrases,
};
