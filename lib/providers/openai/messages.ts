// The engine's conversation (RespondRequest) as a Chat Completions request: system message, history
// as user/assistant/tool messages, our ToolSpecs as function tools. Knowledge search results become
// numbered passages with their source so the model can cite them; other tool results go as JSON.
import type { ChatCompletionMessageParam, ChatCompletionTool } from "openai/resources/chat/completions";
import type { ConversationItem, RespondRequest, ToolResult, ToolSpec } from "../responder/types";
import { systemPrompt } from "./system-prompt";

export function toOpenAiTools(tools: readonly ToolSpec[]): ChatCompletionTool[] {
  return tools.map((t) => ({ type: "function", function: { name: t.name, description: t.description, parameters: t.parameters } }));
}

/** search_knowledge results as "[1] (Title › Heading, page 3) text" lines: what the model cites from. */
function knowledgeContent(result: ToolResult): string | null {
  const results = result.data?.results;
  if (!result.ok || !Array.isArray(results)) return null;
  if (results.length === 0) return "No passages found. Say you don't know and offer to take a message.";
  const lines = results.map((r: Record<string, unknown>, i) => {
    const where = [r.title, r.heading].filter((x) => typeof x === "string" && x).join(" › ");
    const page = typeof r.page === "number" ? `, page ${r.page}` : "";
    const source = r.source === "faq" ? "FAQ" : "document";
    return `[${i + 1}] (${source}${where ? `: ${where}` : ""}${page}) ${String(r.text ?? "")}`;
  });
  return `Passages (answer only from these, and say which one the answer comes from):\n${lines.join("\n")}`;
}

export function toolContent(item: Extract<ConversationItem, { role: "tool_result" }>): string {
  if (item.name === "search_knowledge") {
    const text = knowledgeContent(item.result);
    if (text) return text;
  }
  return JSON.stringify(item.result);
}

function historyMessage(item: ConversationItem): ChatCompletionMessageParam {
  switch (item.role) {
    case "caller":
      // An utterance the recogniser could not make out still happened: the model should ask again.
      return { role: "user", content: item.understood && item.text ? item.text : "(the caller said something that could not be understood)" };
    case "agent":
      // What the caller heard; a cut-off reply trails off (a bracketed note would be imitated aloud).
      return { role: "assistant", content: item.interrupted ? `${item.text}…` : item.text };
    case "tool_call":
      return { role: "assistant", content: null, tool_calls: [{ id: item.id, type: "function", function: { name: item.name, arguments: JSON.stringify(item.args) } }] };
    case "tool_result":
      return { role: "tool", tool_call_id: item.id, content: toolContent(item) };
    case "event":
      return { role: "system", content: `Call event: ${item.text}.` };
  }
}

export function toOpenAiMessages(req: Pick<RespondRequest, "profile" | "mode" | "history" | "now" | "hearsNames">): ChatCompletionMessageParam[] {
  const messages: ChatCompletionMessageParam[] = [{ role: "system", content: systemPrompt(req.profile, req.mode, req.now, req.hearsNames !== false) }];
  for (const item of req.history) messages.push(historyMessage(item));
  return messages;
}

/**
 * A tool call's JSON arguments as the model sent them (Chat Completions and Realtime alike): an object, or
 * {} for anything else — the tool runner then refuses the missing arguments with a message the model can
 * read and retry on.
 */
export function parseToolArgs(raw: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(raw || "{}");
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
