// The call's line to OpenAI's Realtime model: the socket is opened before the call's records exist (so
// a model that cannot be reached leaves the call on the cascade), events that arrive before the session
// is bound are held for it, and the same connection settings reopen the socket when it drops mid-call.
import type { RealtimeServerEvent } from "openai/resources/realtime/realtime";
import type { ControllableCallSession } from "../../../conversation/types";
import { DEFAULT_S2S_MODEL } from "./config";
import { RealtimeSession, type RealtimeSessionDeps } from "./session";
import { openS2sSocket, type S2sSocket } from "./socket";

export interface S2sConnection {
  apiKey: string;
  /** REST base URL (OPENAI_BASE_URL or https://api.openai.com/v1). */
  baseURL: string;
  model?: string;
  voice: string;
  connectTimeoutMs?: number;
}

/** The call's socket to the model, open before the call's records exist (so a failure can fall back). */
export interface RealtimeLine {
  readonly voice: string;
  /** Closes the socket when the call falls back or is refused before a session took it. */
  close(): void;
}

interface LineInternals extends RealtimeLine {
  socket: S2sSocket;
  bind(session: RealtimeSession): void;
  /** A new socket to the same model, its events going to the bound session. */
  reopen(connectTimeoutMs: number): Promise<S2sSocket>;
}

/** Opens the model's socket; rejects when it cannot be reached within the connect timeout. */
export async function openRealtimeLine(conn: S2sConnection): Promise<RealtimeLine> {
  let target: RealtimeSession | null = null;
  const early: RealtimeServerEvent[] = [];
  let dropped: string | null = null;
  const open = (connectTimeoutMs: number) =>
    openS2sSocket({
      baseURL: conn.baseURL,
      apiKey: conn.apiKey,
      model: conn.model ?? DEFAULT_S2S_MODEL,
      connectTimeoutMs,
      onEvent: (e) => (target ? target.onServerEvent(e) : early.push(e)),
      onDrop: (reason) => (target ? target.onDrop(reason) : (dropped = reason)),
    });
  const socket = await open(conn.connectTimeoutMs ?? 5000);
  const line: LineInternals = {
    voice: conn.voice,
    socket,
    close: () => line.socket.close(),
    reopen: async (timeoutMs) => (line.socket = await open(timeoutMs)),
    bind(session) {
      target = session;
      for (const e of early.splice(0)) session.onServerEvent(e);
      if (dropped) session.onDrop(dropped);
    },
  };
  return line;
}

/** The call's session on an open line: configures the model (instructions, voice, tools, audio). */
export function createRealtimeSession(deps: RealtimeSessionDeps, line: RealtimeLine): ControllableCallSession {
  const { socket, bind, voice, reopen } = line as LineInternals;
  const session = new RealtimeSession(deps, reopen);
  session.attach(socket, voice);
  bind(session);
  return session;
}
