// The few PostgreSQL wire-protocol messages the embedded database's server writes itself: the
// startup phase (SSL refusal, SASL authentication) and errors it raises on its own (bad password,
// idle-in-transaction timeout). Everything after authentication is PGlite's own output.
// Reference: https://www.postgresql.org/docs/current/protocol-message-formats.html

export const PROTOCOL_V3 = 196608;
export const SSL_REQUEST = 80877103;
export const GSSENC_REQUEST = 80877104;
export const CANCEL_REQUEST = 80877102;
/** A Sync message: ends an extended-protocol unit (used to close one a client abandoned). */
export const SYNC_MESSAGE = new Uint8Array([0x53, 0, 0, 0, 4]);

const AUTH_SASL = 10;
const AUTH_SASL_CONTINUE = 11;
const AUTH_SASL_FINAL = 12;

function typed(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, "latin1");
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}

const cstring = (s: string) => Buffer.from(`${s}\0`, "utf8");

export function authenticationSasl(mechanisms: string[]): Buffer {
  return typed("R", Buffer.concat([int32(AUTH_SASL), ...mechanisms.map(cstring), Buffer.from([0])]));
}

export function authenticationSaslContinue(data: string): Buffer {
  return typed("R", Buffer.concat([int32(AUTH_SASL_CONTINUE), Buffer.from(data, "utf8")]));
}

export function authenticationSaslFinal(data: string): Buffer {
  return typed("R", Buffer.concat([int32(AUTH_SASL_FINAL), Buffer.from(data, "utf8")]));
}

export interface ErrorFields {
  severity: "ERROR" | "FATAL";
  /** SQLSTATE, e.g. 28P01 invalid_password. */
  code: string;
  message: string;
  detail?: string;
  hint?: string;
}

export function errorResponse(e: ErrorFields): Buffer {
  const fields: [string, string | undefined][] = [
    ["S", e.severity],
    ["V", e.severity],
    ["C", e.code],
    ["M", e.message],
    ["D", e.detail],
    ["H", e.hint],
  ];
  const parts = fields.filter(([, v]) => v !== undefined).map(([k, v]) => Buffer.concat([Buffer.from(k, "latin1"), cstring(v!)]));
  return typed("E", Buffer.concat([...parts, Buffer.from([0])]));
}

/** The key/value pairs of a StartupMessage (the whole message, length and version included). */
export function startupParameters(message: Buffer): Record<string, string> {
  const parts = message.subarray(8).toString("utf8").split("\0");
  const params: Record<string, string> = {};
  for (let i = 0; i + 1 < parts.length && parts[i] !== ""; i += 2) params[parts[i]!] = parts[i + 1]!;
  return params;
}

/** SASLInitialResponse ('p'): mechanism name, then the client-first-message. */
export function parseSaslInitialResponse(message: Buffer): { mechanism: string; data: string } {
  const body = message.subarray(5);
  const end = body.indexOf(0);
  if (end < 0 || body.length < end + 5) throw new Error("malformed SASLInitialResponse");
  const length = body.readInt32BE(end + 1);
  const data = length < 0 ? "" : body.subarray(end + 5, end + 5 + length).toString("utf8");
  return { mechanism: body.subarray(0, end).toString("utf8"), data };
}

/** SASLResponse ('p'): the client-final-message. */
export function parseSaslResponse(message: Buffer): string {
  return message.subarray(5).toString("utf8");
}
