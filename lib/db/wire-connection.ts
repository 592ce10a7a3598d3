// One client connection to the embedded database: frames the byte stream into messages, runs the
// startup phase itself (SSL refusal, SCRAM-SHA-256 password check), then hands every message to the
// shared WireQueue and writes PGlite's answers back. PGlite never sees an unauthenticated byte.
import type { Socket } from "node:net";
import type { WireQueue } from "./wire-queue";
import {
  authenticationSasl,
  authenticationSaslContinue,
  authenticationSaslFinal,
  CANCEL_REQUEST,
  errorResponse,
  GSSENC_REQUEST,
  parseSaslInitialResponse,
  parseSaslResponse,
  PROTOCOL_V3,
  SSL_REQUEST,
  startupParameters,
  type ErrorFields,
} from "./wire-protocol";
import { SCRAM_MECHANISM, ScramError, ScramExchange, type ScramVerifier } from "./wire-scram";

type Phase = "startup" | "sasl-first" | "sasl-final" | "ready" | "closed";

let nextId = 1;

export class WireConnection {
  readonly id = nextId++;
  private phase: Phase = "startup";
  private buffer: Buffer = Buffer.alloc(0);
  private startup: Buffer | undefined;
  private user = "postgres";
  private readonly scram: ScramExchange;
  private work: Promise<void> = Promise.resolve();

  constructor(
    private readonly socket: Socket,
    private readonly queue: WireQueue,
    verifier: ScramVerifier,
    private readonly onClosed: (conn: WireConnection) => void,
  ) {
    this.scram = new ScramExchange(verifier);
    socket.setNoDelay(true);
    socket.on("data", (chunk: Buffer) => {
      if (this.phase === "closed") return;
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.work = this.work.then(() => this.pump()).catch(() => this.close());
    });
    socket.on("error", () => undefined); // "close" follows
    socket.on("close", () => this.close());
  }

  /** Sends a FATAL error and closes the connection (the server's own errors, e.g. idle timeout). */
  terminate(error: Omit<ErrorFields, "severity">): void {
    if (this.phase === "closed") return;
    if (this.socket.writable) this.socket.end(errorResponse({ severity: "FATAL", ...error }));
    this.close();
  }

  /** Closes the socket and gives up the backend (rolls back this connection's transaction). */
  close(opts: { now?: boolean } = {}): Promise<void> {
    if (opts.now) this.socket.destroy();
    if (this.phase !== "closed") {
      this.phase = "closed";
      this.onClosed(this);
      if (!this.socket.writableEnded) this.socket.end();
      // Give a FATAL a moment to be read, but never keep a dead connection around.
      setTimeout(() => this.socket.destroy(), 1000).unref();
    }
    return this.queue.release(this.id);
  }

  private async pump(): Promise<void> {
    for (;;) {
      if (this.phase === "closed") return;
      const message = this.phase === "startup" ? this.takeUntyped() : this.takeTyped();
      if (!message) return;
      await this.handle(message);
    }
  }

  /** Startup-phase messages have no type byte: a length, then a code. */
  private takeUntyped(): Buffer | undefined {
    if (this.buffer.length < 8) return undefined;
    const length = this.buffer.readInt32BE(0);
    if (length < 8 || length > 10_000) {
      this.terminate({ code: "08P01", message: "invalid startup packet length" });
      return undefined;
    }
    return this.take(length);
  }

  private takeTyped(): Buffer | undefined {
    if (this.buffer.length < 5) return undefined;
    return this.take(1 + this.buffer.readInt32BE(1));
  }

  private take(length: number): Buffer | undefined {
    if (this.buffer.length < length) return undefined;
    const message = this.buffer.subarray(0, length);
    this.buffer = this.buffer.subarray(length);
    return message;
  }

  private async handle(message: Buffer): Promise<void> {
    switch (this.phase) {
      case "startup":
        return this.handleStartup(message);
      case "sasl-first":
      case "sasl-final":
        return this.handleSasl(message);
      case "ready":
        if (message[0] === 0x58) return void this.close(); // Terminate: nothing for PGlite to do
        await this.queue.enqueue(this.id, new Uint8Array(message), (chunk) => this.write(chunk));
    }
  }

  private handleStartup(message: Buffer): void {
    const code = message.readInt32BE(4);
    if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
      this.socket.write("N"); // no encryption on loopback; the client goes on in the clear
    } else if (code === CANCEL_REQUEST) {
      void this.close(); // not supported: one backend, nothing to cancel separately
    } else if (code !== PROTOCOL_V3) {
      this.terminate({ code: "08P01", message: `unsupported frontend protocol ${code >> 16}.${code & 0xffff}` });
    } else {
      this.startup = Buffer.from(message);
      this.user = startupParameters(message).user ?? this.user;
      this.phase = "sasl-first";
      this.socket.write(authenticationSasl([SCRAM_MECHANISM]));
    }
  }

  private async handleSasl(message: Buffer): Promise<void> {
    if (message[0] !== 0x70) {
      // 'X' (the client gave up, e.g. it has no password) or anything unexpected.
      if (message[0] !== 0x58) this.terminate({ code: "08P01", message: "expected SASL response" });
      else void this.close();
      return;
    }
    try {
      if (this.phase === "sasl-first") {
        const { mechanism, data } = parseSaslInitialResponse(message);
        if (mechanism !== SCRAM_MECHANISM) throw new ScramError(`unsupported SASL mechanism ${mechanism}`);
        this.socket.write(authenticationSaslContinue(this.scram.start(data)));
        this.phase = "sasl-final";
        return;
      }
      const serverFinal = this.scram.finish(parseSaslResponse(message));
      if (!serverFinal) return this.authFailed();
      this.socket.write(authenticationSaslFinal(serverFinal));
    } catch (err) {
      if (err instanceof ScramError) return this.terminate({ code: "08P01", message: err.message });
      throw err;
    }
    this.phase = "ready";
    // PGlite answers the startup packet with AuthenticationOk, its parameters and ReadyForQuery.
    await this.queue.enqueue(this.id, new Uint8Array(this.startup!), (chunk) => this.write(chunk));
  }

  private authFailed(): void {
    this.terminate({
      code: "28P01",
      message: `password authentication failed for user "${this.user}"`,
      hint: "The embedded database's password is in .data/embedded-db-password (or EMBEDDED_DB_PASSWORD).",
    });
  }

  private write(chunk: Uint8Array): void {
    if (chunk.length > 0 && this.phase !== "closed" && this.socket.writable) this.socket.write(chunk);
  }
}
