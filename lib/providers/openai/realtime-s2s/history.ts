// The conversation as the Realtime model should remember it when its socket is reopened mid-call: the
// API cannot take assistant audio as history, so both sides go back as text items, and the tool calls
// the model made go back as function items with their outputs (an output still coming after the
// reopen needs its call in the new conversation).
import type { ConversationItemCreateEvent } from "openai/resources/realtime/realtime";

/** One line of the conversation as the model should remember it (tool calls and their outputs too). */
export type HistoryLine =
  | { role: "user" | "assistant"; text: string }
  | { role: "tool_call"; callId: string; name: string; args: string }
  | { role: "tool_output"; callId: string; output: string };

/** What the model has been told happened, in order: replayed onto a reopened socket. */
export class ModelHistory {
  private readonly lines: HistoryLine[] = [];

  /**
   * `before`: a line already logged that `line` came before. A reply's words precede its tool calls,
   * though they are logged once heard, which is after the tools started.
   */
  add(line: HistoryLine, before?: HistoryLine): void {
    const at = before ? this.lines.indexOf(before) : -1;
    if (at < 0) this.lines.push(line);
    else this.lines.splice(at, 0, line);
  }

  /** The conversation ends with what the model has not answered yet: the caller's words, a tool's output. */
  get awaitsAnswer(): boolean {
    const role = this.lines.at(-1)?.role;
    return role === "user" || role === "tool_output";
  }

  items(): ConversationItemCreateEvent[] {
    return historyItems(this.lines);
  }
}

/** The conversation so far as conversation.item.create events (caller: input_text, agent: output_text, tools as function items). */
function historyItems(history: readonly HistoryLine[]): ConversationItemCreateEvent[] {
  return history.map((line) => ({ type: "conversation.item.create", item: historyItem(line) }));
}

function historyItem(line: HistoryLine): ConversationItemCreateEvent["item"] {
  switch (line.role) {
    case "user":
      return { type: "message", role: "user", content: [{ type: "input_text", text: line.text }] };
    case "assistant":
      return { type: "message", role: "assistant", content: [{ type: "output_text", text: line.text }] };
    case "tool_call":
      return { type: "function_call", call_id: line.callId, name: line.name, arguments: line.args };
    case "tool_output":
      return { type: "function_call_output", call_id: line.callId, output: line.output };
  }
}
