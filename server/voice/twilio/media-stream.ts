// One Twilio media-stream socket: checks the call token in `start` before any audio work, asks the
// host for the call's session, then converts in both directions: caller μ-law → session.audio, dtmf,
// mark echoes, stop → the session; the session's audio, segment ends, clear, transfer and hangup →
// paced frames, marks and control messages (this object is the session's CallSink). Anything off
// protocol closes this socket only, with a logged reason code.
import type { IncomingMessage } from "node:http";
import type { RawData, WebSocket } from "ws";
import { decodeMulaw } from "../../../lib/audio/mulaw";
import { verifyCallToken } from "../../../lib/calls/call-token";
import type { CallSession, CallSink } from "../../../lib/conversation/types";
import type { PhoneCallControl } from "../../../lib/telephony/call-control";
import { CallTransport, CLOSE_NORMAL, type CallTransportOptions, type CommonCloseReason } from "../call-transport";
import type { UpgradeRoute } from "../http-server";
import {
  clearMessage,
  decodePayload,
  FRAME_BYTES,
  isTelephoneMulaw,
  markMessage,
  MediaMessageWriter,
  NOT_FAST,
  parseInbound,
  readMediaFrame,
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
/** The engine asked to hand the call to `to` (logged; the redirect itself is `callControl`'s). */
export type OnTransfer = (callSid: string, to: string) => void;

export interface TwilioStreamDeps extends CallTransportOptions {
  openCall: OpenCall;
  onTransfer?: OnTransfer;
  /** Twilio REST (when keys are set): transfers, and completes a call whose stream we closed. */
  callControl?: PhoneCallControl;
  /** Token check (tests inject a clock or secret). Default verifyCallToken with AUTH_SECRET. */
  verifyToken?: (token: unknown, callSid: string) => ReturnType<typeof verifyCallToken>;
}

const MAX_PENDING_DTMF = 32;

export class TwilioMediaStream extends CallTransport<StreamCloseReason> {
  private start: StartInfo | undefined;
  private writer: MediaMessageWriter | undefined;
  /** This stream's SID as bytes, once `start` checked out: what the media fast path matches. */
  private sidBytes: Buffer | undefined;
  private readonly inbound = Buffer.alloc(FRAME_BYTES);
  private readonly pendingDtmf: string[] = [];
  private callId: string | undefined;
  private transferring = false;

  constructor(
    ws: WebSocket,
    private readonly deps: TwilioStreamDeps,
  ) {
    super(ws, deps);
  }

  // ---- inbound ------------------------------------------------------------------------------------

  protected onMessage(data: RawData, isBinary: boolean): void {
    if (this.state === "closed") return;
    // Nearly every message is a media frame in Twilio's own layout: read it from the bytes. Anything
    // else, or anything off in it, goes the general way below (which decides and reports).
    if (this.sidBytes && !isBinary && Buffer.isBuffer(data)) {
      const n = readMediaFrame(data, this.sidBytes, this.inbound);
      if (n !== NOT_FAST) return this.hear(n === FRAME_BYTES);
    }
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
        return this.hear(msg.media.track === undefined || msg.media.track === "inbound");
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

  /** The frame decoded into `inbound` goes to the session if it is the caller's and the call is live. */
  private hear(callersTrack: boolean): void {
    // Only the caller's leg is ours to hear; audio that arrives while the call is being opened
    // is dropped (the agent speaks first, so nothing the caller says there is a turn yet).
    if (!callersTrack || this.state !== "live") return;
    // A fresh array per frame: the session may keep frames (VAD and STT run asynchronously).
    this.session!.audio(decodeMulaw(this.inbound));
  }

  private onStart(start: StartInfo): void {
    if (!isTelephoneMulaw(start.mediaFormat)) return this.fail("bad_media_format", JSON.stringify(start.mediaFormat));
    const verify = this.deps.verifyToken ?? ((token, callSid) => verifyCallToken(token, { callSid }));
    const check = verify(start.customParameters.callToken, start.callSid);
    this.log = this.log.child({ callSid: start.callSid, streamSid: start.streamSid });
    if (!check.ok) return this.fail("token_invalid", check.reason);
    if (start.customParameters.callId !== check.callId) return this.fail("token_invalid", "callId parameter differs from the token");
    this.start = start;
    this.sidBytes = Buffer.from(start.streamSid, "latin1");
    this.callId = check.callId;
    this.opening();
    this.writer = new MediaMessageWriter(start.streamSid);
    const info: StreamStart = {
      callId: check.callId,
      callSid: start.callSid,
      streamSid: start.streamSid,
      accountSid: start.accountSid,
      customParameters: start.customParameters,
    };
    this.attach(this.deps.openCall(info, this), (session) => {
      for (const digit of this.pendingDtmf.splice(0)) session.dtmf(digit);
    });
  }

  // ---- the wire (Twilio echoes sent marks after a clear too; CallTransport does not count those as heard)

  protected sendFrame(bytes: Uint8Array, offset: number): void {
    this.ws.send(this.writer!.frame(bytes, offset));
  }

  protected sendMark(name: string): void {
    this.ws.send(markMessage(this.start!.streamSid, name));
  }

  protected sendClear(): void {
    this.ws.send(clearMessage(this.start!.streamSid));
  }

  segmentText(): void {}

  transfer(to: string): void {
    if (this.state === "closed" || !this.start || this.transferring) return;
    this.log.info({ to }, "transfer requested");
    this.deps.onTransfer?.(this.start.callSid, to);
    const control = this.deps.callControl;
    if (!control || !this.callId) return;
    // The stream stays open: Twilio stops it when the new TwiML takes over. If the redirect fails the
    // caller is let go by closing the stream (that ends a <Connect> call); the fault is on record.
    this.transferring = true;
    void control.transfer({ callId: this.callId, callSid: this.start.callSid }, to).then((ok) => {
      if (!ok) this.closeSocket(CLOSE_NORMAL, "hangup", true);
    });
  }

  /** We closed an opened call's stream (hang-up, operator end, an error): Twilio is told to complete it too. */
  protected override closeSocket(code: number, reason: StreamCloseReason | CommonCloseReason, byAgent: boolean): void {
    const open = this.state !== "closed";
    super.closeSocket(code, reason, byAgent);
    if (!open || reason === "stopped" || this.transferring || !this.callId || !this.start) return;
    void this.deps.callControl?.complete({ callId: this.callId, callSid: this.start.callSid }, reason);
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
