// What the test call and chat sockets send (server/voice/browser/protocol.ts), as the page uses it.

export interface TurnView {
  index: number;
  role: "caller" | "agent" | "tool";
  text: string;
  heardText?: string;
  interrupted?: boolean;
  understood?: boolean;
  toolName?: string;
  toolArgs?: Record<string, unknown>;
  toolResult?: unknown;
}

export type ServerMessage =
  | { type: "transcript"; turn: TurnView }
  | { type: "segment"; id: string; text: string }
  | { type: "mark"; id: string }
  | { type: "clear" }
  | { type: "event"; event: string; payload?: Record<string, unknown> }
  | { type: "ended"; reason: string }
  | { type: "idle" };

export interface TestCallTicket {
  callId: string;
  token: string;
  url: string;
}

export const socketUrl = (t: TestCallTicket) => `${t.url}?${new URLSearchParams({ token: t.token, callId: t.callId })}`;

/** Why a socket closed, as a sentence (codes and reasons from the voice server). */
export function closeMessage(code: number, reason: string): string | null {
  if (code === 1000 || code === 1005) return null;
  if (reason === "open_failed") return "The call could not be connected. Start a new one.";
  if (code === 1006) return "The connection to the voice server was lost.";
  return `The call stopped unexpectedly (${reason || code}).`;
}
