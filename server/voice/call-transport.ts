// What every audio call transport does the same way, whatever its wire (Twilio media streams, the
// browser test call): the socket's lifecycle (awaiting start → opening → live → closed, a start
// timeout, a handler bug closing this socket only), the session's CallSink and the pacer's
// PacedStream over one PacedOutput, and closing so that the session hears about the end exactly
// once. A subclass parses its inbound messages and says how frames, marks and clears are written.
import type { Logger } from "pino";
import type { RawData, WebSocket } from "ws";
import type { CallSession, CallSink, EndReason } from "../../lib/conversation/types";
import { PacedOutput } from "./paced-output";
import type { PacedStream, Pacer, PacerRegistration } from "./pacer";

export interface CallTransportOptions {
  logger: Logger;
  pacer: Pacer;
  /** A socket without a valid start by then is closed. Default 10 s. */
  startTimeoutMs?: number;
  /** After a hangup's audio was sent, how long to wait for missing mark echoes. Default 5 s. */
  hangupGraceMs?: number;
  /** Monotonic ms. Default performance.now. */
  now?: () => number;
}

type State = "awaiting_start" | "opening" | "live" | "closed";
export const CLOSE_NORMAL = 1000;
export const CLOSE_POLICY = 1008;
export const CLOSE_INTERNAL = 1011;

/** Close reasons every transport has; each adds its own protocol's. */
export type CommonCloseReason = "internal_error" | "start_timeout" | "open_failed" | "hangup";

/** `R`: the transport's stable close reasons (sent as the WebSocket close reason, and logged). */
export abstract class CallTransport<R extends string> implements CallSink, PacedStream {
  protected state: State = "awaiting_start";
  protected session: CallSession | undefined;
  protected log: Logger;
  protected readonly output: PacedOutput;
  private readonly startTimer: NodeJS.Timeout;
  private registration: PacerRegistration | undefined;
  private agentClosed = false;

  constructor(
    protected readonly ws: WebSocket,
    private readonly opts: CallTransportOptions,
  ) {
    this.log = opts.logger;
    this.output = new PacedOutput(
      { frame: (bytes, offset) => this.sendFrame(bytes, offset), mark: (name) => this.sendMark(name), clear: () => this.sendClear() },
      { now: opts.now ?? (() => performance.now()), hangupGraceMs: opts.hangupGraceMs },
    );
    ws.on("message", (data, isBinary) => {
      try {
        this.onMessage(data, isBinary);
      } catch (err) {
        // A bug on this call must not take the process (and every other call) down with it.
        this.log.error({ err }, "call transport handler failed");
        this.closeSocket(CLOSE_INTERNAL, "internal_error", false);
      }
      // Between two inbound messages, not after all of them: a due tick is not held back by a busy loop.
      this.opts.pacer.poll();
    });
    ws.on("close", (code, reason) => {
      if (this.state !== "closed") this.log.info({ code, reason: reason.toString() }, "call socket closed by peer");
      this.release();
    });
    ws.on("error", (err) => this.log.debug({ err }, "call socket error"));
    this.startTimer = setTimeout(() => this.fail("start_timeout", "no start message"), opts.startTimeoutMs ?? 10_000);
    this.startTimer.unref();
  }

  protected abstract onMessage(data: RawData, isBinary: boolean): void;
  /** Writes the 160-byte μ-law frame at `bytes[offset]` to the wire. */
  protected abstract sendFrame(bytes: Uint8Array, offset: number): void;
  protected abstract sendMark(name: string): void;
  protected abstract sendClear(): void;
  abstract segmentText(segmentId: string, text: string): void;
  abstract transfer(to: string): void;

  /** The start checked out: the call is being opened (audio is not heard yet). */
  protected opening(): void {
    clearTimeout(this.startTimer);
    this.state = "opening";
  }

  /** Gives the opened session the line (paced from now on); a failure to open closes the socket. */
  protected attach(open: Promise<CallSession>, afterStart?: (session: CallSession) => void): void {
    open.then(
      (session) => {
        if (this.state === "closed") {
          // The caller hung up (or the socket broke) while the call was loading.
          session.callerHangup();
          session.close();
          return;
        }
        this.session = session;
        this.state = "live";
        this.registration = this.opts.pacer.add(this);
        session.start();
        afterStart?.(session);
      },
      (err: unknown) => {
        this.log.warn({ err }, "the call could not be opened");
        this.fail("open_failed", err instanceof Error ? err.message : String(err));
      },
    );
  }

  /** The far end played up to a mark. */
  protected onMarkEcho(name: string): void {
    const heard = this.output.markEchoed(name);
    if (heard === undefined) return void this.log.debug({ name }, "echo of a mark never sent, ignored");
    if (heard) this.session?.markPlayed(name);
    this.maybeFinishHangup();
  }

  // ---- CallSink (the session's output) -----------------------------------------------------------

  audio(segmentId: string, pcm: Int16Array): void {
    if (this.state === "closed") return;
    this.output.audio(segmentId, pcm);
    // A reply's first audio goes out now, not at the next tick: up to 20 ms off the caller's wait
    // (a no-op while the stream is sending).
    this.registration?.kick();
  }

  endSegment(segmentId: string): void {
    if (this.state !== "closed") this.output.endSegment(segmentId);
  }

  clear(): void {
    if (this.state === "closed") return;
    this.output.clear();
    this.registration?.flushed();
  }

  pause(): void {
    if (this.state === "closed") return;
    this.output.pause();
    this.registration?.flushed();
  }

  resume(): void {
    if (this.state === "closed") return;
    this.output.resume();
    this.registration?.kick();
  }

  hangup(reason: EndReason): void {
    if (this.state === "closed" || this.output.hangupRequested) return;
    this.log.info({ reason }, "agent hangs up after its last audio is heard");
    this.output.hangupRequested = true;
    this.maybeFinishHangup();
  }

  // ---- PacedStream (driven by the shared tick) ---------------------------------------------------

  framesReady(): number {
    return this.state === "live" ? this.output.framesReady() : 0;
  }

  pump(n: number): number {
    return this.state === "live" ? this.output.pump(n) : 0;
  }

  tick(): void {
    if (this.state !== "live") return;
    this.session!.tick();
    this.maybeFinishHangup();
  }

  // ---- closing ------------------------------------------------------------------------------------

  private maybeFinishHangup(): void {
    if (this.state === "closed") return;
    const due = this.output.hangupDue();
    if (due === "late") this.log.warn({ missing: this.output.missingEchoes }, "mark echoes missing at hangup; closing anyway");
    if (due !== "no") this.closeSocket(CLOSE_NORMAL, "hangup", true);
  }

  /** Off protocol (or the call could not be opened): this socket only is closed, with a reason. */
  protected fail(reason: R | CommonCloseReason, detail: string): void {
    if (this.state === "closed") return;
    this.log.warn({ reason, detail }, "call socket closed: protocol violation");
    this.closeSocket(reason === "open_failed" ? CLOSE_INTERNAL : CLOSE_POLICY, reason, false);
  }

  protected closeSocket(code: number, reason: R | CommonCloseReason, byAgent: boolean): void {
    if (this.state === "closed") return;
    this.agentClosed = byAgent;
    this.ws.close(code, reason);
    this.release();
  }

  /** Idempotent: the session hears about the end exactly once. */
  private release(): void {
    if (this.state === "closed") return;
    this.state = "closed";
    clearTimeout(this.startTimer);
    this.registration?.remove();
    this.output.drop();
    const session = this.session;
    if (!session) return;
    if (!this.agentClosed) session.callerHangup();
    session.close();
  }
}
