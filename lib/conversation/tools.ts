// The tools every responder is offered (only the ones the agent enabled), and the runner that
// executes a call to one. Arguments come from a model, so they are validated like any other input:
// bad arguments are a failed result the responder can read and ask again about, never a throw.
import { z } from "zod";
import type { AgentProfile, ToolName, ToolResult, ToolSpec } from "../providers/responder/types";
import type { CallActions } from "./types";

const SPECS: Record<ToolName, ToolSpec> = {
  take_message: {
    name: "take_message",
    description: "Save a message for the business to call the caller back. Ask for anything missing before calling it.",
    parameters: {
      type: "object",
      properties: {
        callerName: { type: "string", description: "The caller's name" },
        callbackNumber: { type: "string", description: "Phone number to call back, digits as said by the caller" },
        message: { type: "string", description: "What the caller wants, in a sentence or two" },
        urgency: { type: "string", enum: ["LOW", "NORMAL", "HIGH"] },
      },
      required: ["callerName", "callbackNumber", "message"],
      additionalProperties: false,
    },
  },
  search_knowledge: {
    name: "search_knowledge",
    description: "Search the business's knowledge (FAQ, documents) for facts that answer the caller's question.",
    parameters: {
      type: "object",
      properties: { query: { type: "string", description: "The question, in a few words" } },
      required: ["query"],
      additionalProperties: false,
    },
  },
  transfer_call: {
    name: "transfer_call",
    description: "Hand the call to a human at the business. Say a short announcement in the same reply.",
    parameters: {
      type: "object",
      properties: { reason: { type: "string", description: "Why the caller wants a person" } },
      additionalProperties: false,
    },
  },
  end_call: {
    name: "end_call",
    description: "Hang up after saying goodbye in the same reply. Use when the caller is done.",
    parameters: { type: "object", properties: {}, additionalProperties: false },
  },
};

/** Only the agent's enabled tools, in a stable order. */
export function toolSpecsFor(profile: Pick<AgentProfile, "tools">): ToolSpec[] {
  const enabled = new Set(profile.tools);
  return (Object.keys(SPECS) as ToolName[]).filter((name) => enabled.has(name)).map((name) => SPECS[name]);
}

/** A spoken message longer than this is not one turn of a phone call (10 minutes). */
const MAX_MESSAGE_AUDIO_MS = 600_000;

const takeMessageArgs = z.object({
  callerName: z.string().trim().min(1, "callerName is required").max(200),
  callbackNumber: z
    .string()
    .trim()
    .max(40)
    .refine((v) => /^[+\d\s().-]+$/.test(v) && countDigits(v) >= 7 && countDigits(v) <= 15, "callbackNumber must be a phone number (7-15 digits)"),
  message: z.string().trim().min(1, "message is required").max(2000),
  urgency: z.preprocess((v) => (typeof v === "string" ? v.toUpperCase() : v), z.enum(["LOW", "NORMAL", "HIGH"])).default("NORMAL"),
  // Only responders pass it (models are not shown it); a range that makes no sense is dropped, never a
  // reason to refuse the message itself.
  messageAudio: z
    .object({ startMs: z.number().int().min(0), endMs: z.number().int() })
    .refine((r) => r.endMs > r.startMs && r.endMs - r.startMs <= MAX_MESSAGE_AUDIO_MS)
    .optional()
    .catch(undefined),
});

const searchArgs = z.object({ query: z.string().trim().min(1, "query is required").max(500) });
const transferArgs = z.object({ reason: z.string().max(500).optional() }).default({});

function countDigits(v: string): number {
  let n = 0;
  for (const c of v) if (c >= "0" && c <= "9") n++;
  return n;
}

/** Refused arguments: the issues in words (for an LLM) and the first field named (for the local responder). */
function invalid(error: z.ZodError): ToolResult {
  const field = error.issues.find((i) => i.path.length)?.path[0];
  const text = error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
  return typeof field === "string" ? { ok: false, error: text, field } : { ok: false, error: text };
}

/** What the session must do after the reply carrying this tool call has been heard. */
export type ToolEffect = { kind: "none" } | { kind: "transfer"; to: string } | { kind: "hangup" };

export interface ToolOutcome {
  result: ToolResult;
  effect: ToolEffect;
}

const NONE: ToolEffect = { kind: "none" };

/**
 * Runs one tool call. Never throws: unknown or disabled tools, invalid arguments and failing side
 * effects all come back as `{ ok: false, error }` (a failing side effect is also rethrown to
 * `onFailure` so the session can count it as an error).
 */
export async function runTool(
  profile: Pick<AgentProfile, "tools" | "transferPhoneNumber">,
  actions: CallActions,
  name: string,
  args: Record<string, unknown>,
  onFailure?: (error: unknown) => void,
): Promise<ToolOutcome> {
  if (!profile.tools.includes(name as ToolName)) return { result: { ok: false, error: `tool ${name} is not available` }, effect: NONE };
  try {
    switch (name as ToolName) {
      case "take_message": {
        const parsed = takeMessageArgs.safeParse(args ?? {});
        if (!parsed.success) return { result: invalid(parsed.error), effect: NONE };
        const { messageId } = await actions.saveMessage(parsed.data);
        return { result: { ok: true, data: { messageId } }, effect: NONE };
      }
      case "search_knowledge": {
        const parsed = searchArgs.safeParse(args ?? {});
        if (!parsed.success) return { result: invalid(parsed.error), effect: NONE };
        const hits = await actions.searchKnowledge(parsed.data.query, 3);
        // The source goes along (title, heading, page) so a responder can say where a fact comes from.
        const results = hits.map((h) => ({
          text: h.text,
          source: h.source,
          ...(h.title ? { title: h.title } : {}),
          ...(h.heading ? { heading: h.heading } : {}),
          ...(h.page !== undefined ? { page: h.page } : {}),
          ...(h.documentId ? { documentId: h.documentId } : {}),
          score: h.score,
        }));
        return { result: { ok: true, data: { results } }, effect: NONE };
      }
      case "transfer_call": {
        const parsed = transferArgs.safeParse(args ?? {});
        if (!parsed.success) return { result: invalid(parsed.error), effect: NONE };
        const to = profile.transferPhoneNumber;
        if (!to) return { result: { ok: false, error: "no transfer number" }, effect: NONE };
        return { result: { ok: true, data: { to } }, effect: { kind: "transfer", to } };
      }
      case "end_call":
        return { result: { ok: true }, effect: { kind: "hangup" } };
    }
  } catch (error) {
    onFailure?.(error);
    return { result: { ok: false, error: `${name} failed` }, effect: NONE };
  }
}
