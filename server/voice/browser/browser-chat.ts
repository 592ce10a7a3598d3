// One dashboard chat with an agent (/browser/chat; wire format in protocol.ts): the engine's text
// transport, opened through the call runtime so the chat is recorded like a call (turns, tools,
// events, usage). User messages are handled one at a time, in order; the browser is told when the
// agent's reply is complete ("idle").
import type { Logger } from "pino";
import type { WebSocket } from "ws";
import type { TextConversation } from "../../../lib/conversation/text-transport";
import type { BrowserCallInput, CallListener } from "../call-runtime";
import { message, parseChatControl, transcriptMessage, type BrowserCloseReason } from "./protocol";
import type { BrowserCaller } from "./socket-auth";

export type OpenBrowserChat = (input: BrowserCallInput, listener: CallListener) => Promise<TextConversation>;

export interface BrowserChatDeps {
  logger: Logger;
  openTextCall: OpenBrowserChat;
  /** A chat nobody types in for this long is closed. Default 10 minutes. */
  idleTimeoutMs?: number;
}

/** Messages waiting behind the agent's current reply; more than this is a script, not a person. */
const MAX_WAITING = 8;

export function handleBrowserChat(ws: WebSocket, caller: BrowserCaller, deps: BrowserChatDeps): void {
  const log = deps.logger.child({ callId: caller.callId, transport: "chat" });
  let closed = false;
  let convo: TextConversation | null = null;
  let chain: Promise<unknown>;
  let waiting = 0;
  let idleTimer: NodeJS.Timeout | undefined;

  const send = (data: string | null) => {
    if (data && !closed) ws.send(data);
  };
  const close = (code: number, reason: BrowserCloseReason) => {
    if (closed) return;
    ws.close(code, reason);
    release();
  };
  const release = () => {
    if (closed) return;
    closed = true;
    clearTimeout(idleTimer);
    convo?.hangup();
  };
  const touch = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => close(1000, "idle"), deps.idleTimeoutMs ?? 10 * 60_000);
    idleTimer.unref();
  };
  /** Runs one step of the conversation after the previous one; closes the socket when the call ended. */
  const step = async (run: (c: TextConversation) => Promise<{ ended: boolean }>) => {
    if (closed || !convo) return;
    const reply = await run(convo);
    if (reply.ended) return close(1000, "hangup");
    send(message("idle"));
  };

  const listener: CallListener = {
    turn: (t) => send(transcriptMessage(t)),
    event: (event, payload) => send(message("event", { event, payload })),
    ended: (reason) => send(message("ended", { reason })),
  };
  const input = { callId: caller.callId, browser: { tenantId: caller.tenantId, agentId: caller.agentId } };
  chain = deps.openTextCall(input, listener).then(
    (opened) => {
      convo = opened;
      if (closed) return opened.hangup();
      touch();
      return step((c) => c.start());
    },
    (err: unknown) => {
      log.warn({ err }, "chat could not be opened");
      close(1011, "open_failed");
    },
  );

  ws.on("message", (data, isBinary) => {
    if (closed) return;
    const parsed = parseChatControl(data, isBinary);
    if (!parsed.ok) {
      log.warn({ reason: parsed.reason, detail: parsed.detail }, "chat closed: protocol violation");
      return close(1008, parsed.reason);
    }
    const msg = parsed.msg;
    if (msg.type === "stop") return close(1000, "stopped");
    if (++waiting > MAX_WAITING) return close(1008, "bad_message");
    touch();
    chain = chain
      .then(() => step((c) => c.say(msg.text)))
      .catch((err: unknown) => {
        log.error({ err }, "chat step failed");
        close(1011, "internal_error");
      })
      .finally(() => waiting--);
  });
  ws.on("close", release);
  ws.on("error", (err) => log.debug({ err }, "chat socket error"));
}
