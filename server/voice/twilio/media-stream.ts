// One Twilio media-stream socket: checks the call token in `start` before any audio work, asks the
// host for the call's session, then converts in both directions: caller μ-law → session.audio, dtmf,
// mark echoes, stop → the session; the session's audio, segment ends, clear, transfer and hangup →
// paced frames, marks and control messages (this object is the session's CallSink). Anything off
// protocol closes this socket only, with a logged reason code.
import type { IncomingMessage } from "node:http";
import type { Logger } from "pino";
import type { RawData, WebSocket } from "ws";
import { decodeMulaw } from "../../../lib/audio/mulaw";
import { verifyCallToken } from "../../../lib/calls/call-token";
import type { CallSession, CallSink, EndReason } from "../../../lib/conversation/types";
import type { UpgradeRoute } from "../http-server";
import type { PacedStream, Pacer, PacerRegistration } from "../pacer";
import { OutboundQueue } from "./outbound-queue";
import {
  clearMessage,
  decodePayload,
  FRAME_BYTES,
  isTelephoneMulaw,
  markMessage,
  MediaMessageWriter,
  parseInbound,
  type StartInfo,
  type StreamCloseReason,
  type TwilioInbound,
} from "./protocol";

/** What the host learns when a stream's token checked out. */
export interface StreamStart {
  callId: string;
  callSid: string;
  streamSid: string;
  accountSid: string;
  customParameters: Record<string, string>;
}

/**
 * Loads the call and builds its session around `sink`. The transport calls `session.start()` itself,
 * once the stream is on the pacer; a rejection closes the socket ("open_failed").
 */
export type OpenCall = (start: StreamStart, sink: CallSink) => Promise<CallSession>;
/** The engine asked to hand the call to `to`; the telephony layer redirects the Twilio call. */
export type OnTransfer = (callSid: string, to: string) => void;

export interface TwilioStreamDeps {
  logger: Logger;
  pacer: Pacer;
  openCall: OpenCall;
  onTransfer?: OnTransfer;
  /** A socket without a valid `start` by then is closed. Default 10 s. */
  startTimeoutMs?: number;
  /** After a hangup's audio was sent, how long to wait for missing mark echoes. Default 5 s. */
  hangupGraceMs?: number;
  /** Token check (tests inject a clock or secret). Default verifyCallToken with AUTH_SECRET. */
  verifyToken?: (token: unknown, callSid: string) => ReturnType<typeof verifyCallToken>;
  /** Monotonic ms. Default performance.now. */
  now?: () => number;
}

type State = "awaiting_start" | "opening" | "live" | "closed";
const MAX_PENDING_DTMF = 32;
const CLOSE_NORMAL = 1000;
const CLOSE_POLICY = 1008;
const CLOSE_INTERNAL = 1011;

interface SentMark {
  name: string;
  /** Sent before a clear: Twilio still echoes it, but its audio was cut, so the session is not told. */
  cleared: boolean;
}

export class TwilioMediaStream implements CallSink, PacedStream {
  private state: State = "awaiting_start";
  private log: Logger;
  private readonly now: () => number;
  private startTimer: NodeJS.Timeout | undefined;
  private start: StartInfo | undefined;
  private session: CallSession | undefined;
  private registration: PacerRegistration | undefined;
  private writer: MediaMessageWriter | undefined;
  private readonly queue = new OutboundQueue();
  private readonly inbound = Buffer.alloc(FRAME_BYTES);
  private readonly sentMarks: SentMark[] = [];
  private readonly pendingDtmf: string[] = [];
  private hangupRequested = false;
  private hangupDeadline = Infinity;
  private agentClosed = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly deps: TwilioStreamDeps,
  ) {
    this.log = deps.logger;
    this.now = deps.now ?? (() => performance.now());
    ws.on("message", (data, isBinary) => {
      try {
        this.onMessage(data, isBinary);
      } catch (err) {
        // A bug on this call must not take the process (and every other call) down with it.
        this.log.error({ err }, "twilio stream handler failed");
        this.closeSocket(CLOSE_INTERNAL, "internal_error", false);
      }
    });
    ws.on("close", (code, reason) => this.onSocketClosed(code, reason.toString()));
    ws.on("error", (err) => this.log.debug({ err }, "twilio stream socket error"));
    this.startTimer = setTimeout(() => this.fail("start_timeout", "no start message"), deps.startTimeoutMs ?? 10_000);
    this.startTimer.unref();
  }

  // ---- inbound ------------------------------------------------------------------------------------

  private onMessage(data: RawData, isBinary: boolean): void {
    if (this.state === "closed") return;
    const parsed = parseInbound(data, isBinary);
    if (!parsed.ok) return this.fail(parsed.reason, parsed.detail);
    const msg = parsed.msg;
    if (msg.event === "connected") return;
    if (msg.event === "start") {
      if (this.state !== "awaiting_start") return this.fail("second_start", "start after start");
      return this.onStart(msg.start);
    }
    if (!this.start) {
      if (msg.event === "stop") return this.closeSocket(CLOSE_NORMAL, "stopped", false);
      return this.fail(msg.event === "media" ? "media_before_start" : "event_before_start", msg.event);
    }
    if (msg.streamSid !== this.start.streamSid) return this.fail("stream_mismatch", msg.event);
    this.onStreamEvent(msg);
  }

  private onStreamEvent(msg: Exclude<TwilioInbound, { event: "connected" | "start" }>): void {
    switch (msg.event) {
      case "media": {
        const n = decodePayload(msg.media.payload, this.inbound);
        if (n < 0) return this.fail("bad_payload", "media.payload is not base64");
        if (n !== FRAME_BYTES) return this.fail("bad_media_size", `${n} bytes`);
        // Only the caller's leg is ours to hear; audio that arrives while the call is being opened
        // is dropped (the agent speaks first, so nothing the caller says there is a turn yet).
        if (this.state !== "live" || (msg.media.track !== undefined && msg.media.track !== "inbound")) return;
        // A fresh array per frame: the session may keep frames (VAD and STT run asynchronously).
        this.session!.audio(decodeMulaw(this.inbound));
        return;
      }
      case "dtmf":
        if (this.state === "live") this.session!.dtmf(msg.dtmf.digit);
        else if (this.pendingDtmf.length < MAX_PENDING_DTMF) this.pendingDtmf.push(msg.dtmf.digit);
        return;
      case "mark":
        return this.onMarkEcho(msg.mark.name);
      case "stop":
        return this.closeSocket(CLOSE_NORMAL, "stopped", false);
    }
  }

  private onStart(start: StartInfo): void {
    if (!isTelephoneMulaw(start.mediaFormat)) return this.fail("bad_media_format", JSON.stringify(start.mediaFormat));
    const verify = this.deps.verifyToken ?? ((token, callSid) => verifyCallToken(token, { callSid }));
    const check = verify(start.customParameters.callToken, start.callSid);
    this.log = this.log.child({ callSid: start.callSid, streamSid: start.streamSid });
    if (!check.ok) return this.fail("token_invalid", check.reason);
    if (start.customParameters.callId !== check.callId) return this.fail("token_invalid", "callId parameter differs from the token");
    clearTimeout(this.startTimer);
    this.start = start;
    this.state = "opening";
    this.writer = new MediaMessageWriter(start.streamSid);
    const info: StreamStart = {
      callId: check.callId,
      callSid: start.callSid,
      streamSid: start.streamSid,
      accountSid: start.accountSid,
      customParameters: start.customParameters,
    };
    this.deps.openCall(info, this).then(
      (session) => this.onOpened(session),
      (err: unknown) => {
        this.log.error({ err }, "openCall failed");
        this.fail("open_failed", err instanceof Error ? err.message : String(err));
      },
    );
  }

  private onOpened(session: CallSession): void {
    if (this.state === "closed") {
      // The caller hung up (or the stream broke) while the call was loading.
      session.callerHangup();
      session.close();
      return;
    }
    this.session = session;
    this.state = "live";
    this.registration = this.deps.pacer.add(this);
    session.start();
    for (const digit of this.pendingDtmf.splice(0)) session.dtmf(digit);
  }

  private onMarkEcho(name: string): void {
    const i = this.sentMarks.findIndex((m) => m.name === name);
    if (i < 0) return void this.log.debug({ name }, "echo of a mark never sent, ignored");
    const [mark] = this.sentMarks.splice(i, 1);
    if (!mark!.cleared) this.session?.markPlayed(name);
    this.maybeFinishHangup();
  }

  // ---- CallSink (the session's output) -----------------------------------------------------------

  audio(segmentId: string, pcm: Int16Array): void {
    if (this.state === "closed" || this.hangupRequested) return;
    this.queue.push(segmentId, pcm);
  }

  segmentText(): void {}

  endSegment(segmentId: string): void {
    if (this.state === "closed") return;
    this.queue.endSegment(segmentId);
  }

  clear(): void {
    if (this.state === "closed" || !this.start) return;
    // Queued-but-unsent marks vanish with their audio; sent ones Twilio answers on clear, and those
    // answers must not read as "heard" (the engine computes the cut from what it did hear).
    this.queue.clear();
    for (const m of this.sentMarks) m.cleared = true;
    this.ws.send(clearMessage(this.start.streamSid));
  }

  transfer(to: string): void {
    if (this.state === "closed" || !this.start) return;
    this.log.info({ to }, "transfer requested");
    this.deps.onTransfer?.(this.start.callSid, to);
  }

  hangup(reason: EndReason): void {
    if (this.state === "closed" || this.hangupRequested) return;
    this.log.info({ reason }, "agent hangs up after its last audio is heard");
    this.hangupRequested = true;
    this.maybeFinishHangup();
  }

  // ---- PacedStream (driven by the shared tick) ---------------------------------------------------

  framesReady(): number {
    return this.state === "live" ? this.queue.framesReady() : 0;
  }

  pump(n: number): number {
    if (this.state !== "live") return 0;
    this.sendDueMarks();
    let sent = 0;
    for (; sent < n && this.queue.framesReady() > 0; sent++) {
      this.ws.send(this.writer!.frame(this.queue.bytes, this.queue.takeFrame()));
      this.sendDueMarks();
    }
    return sent;
  }

  tick(): void {
    if (this.state !== "live") return;
    this.session!.tick();
    this.maybeFinishHangup();
  }

  // ---- closing ------------------------------------------------------------------------------------

  private sendDueMarks(): void {
    for (let name = this.queue.takeDueMark(); name !== undefined; name = this.queue.takeDueMark()) {
      this.ws.send(markMessage(this.start!.streamSid, name));
      this.sentMarks.push({ name, cleared: false });
    }
  }

  private maybeFinishHangup(): void {
    if (!this.hangupRequested || this.state === "closed") return;
    if (!this.queue.isEmpty()) return;
    if (this.sentMarks.length === 0) return this.closeSocket(CLOSE_NORMAL, "hangup", true);
    // Everything is sent; a far end that never echoes must not hold the call open forever.
    if (this.hangupDeadline === Infinity) this.hangupDeadline = this.now() + (this.deps.hangupGraceMs ?? 5000);
    else if (this.now() >= this.hangupDeadline) {
      this.log.warn({ missing: this.sentMarks.length }, "mark echoes missing at hangup; closing anyway");
      this.closeSocket(CLOSE_NORMAL, "hangup", true);
    }
  }

  private fail(reason: StreamCloseReason, detail: string): void {
    if (this.state === "closed") return;
    this.log.warn({ reason, detail }, "twilio stream closed: protocol violation");
    this.closeSocket(reason === "open_failed" ? CLOSE_INTERNAL : CLOSE_POLICY, reason, false);
  }

  private closeSocket(code: number, reason: StreamCloseReason, byAgent: boolean): void {
    if (this.state === "closed") return;
    this.agentClosed = byAgent;
    this.ws.close(code, reason);
    this.release();
  }

  private onSocketClosed(code: number, reason: string): void {
    if (this.state !== "closed") this.log.info({ code, reason }, "twilio stream socket closed by peer");
    this.release();
  }

  /** Idempotent: the session hears about the end exactly once. */
  private release(): void {
    if (this.state === "closed") return;
    this.state = "closed";
    clearTimeout(this.startTimer);
    this.registration?.remove();
    this.queue.clear();
    const session = this.session;
    if (!session) return;
    if (!this.agentClosed) session.callerHangup();
    session.close();
  }
}

export function handleTwilioMediaStream(ws: WebSocket, deps: TwilioStreamDeps): TwilioMediaStream {
  return new TwilioMediaStream(ws, deps);
}

/** The upgrade route Twilio's <Connect><Stream url=".../twilio/media-stream"> reaches. */
export function twilioMediaStreamRoute(deps: TwilioStreamDeps): UpgradeRoute {
  return {
    path: "/twilio/media-stream",
    onConnection: (ws: WebSocket, _req: IncomingMessage) => void handleTwilioMediaStream(ws, deps),
  };
}
