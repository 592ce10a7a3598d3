// Which ElevenLabs failures mean "the vendor is not serving us" (they count toward the circuit breaker)
// and which mean "this request was wrong" (they do not: the next sentence, or another agent's voice, may
// work fine). Refused upgrades carry an HTTP status: 400/403/404/422 reject the request's own voice,
// model or settings (an unknown voice id; eleven_v3, which the multi-context socket refuses with 403);
// 401 (bad key or quota_exceeded), 408, 429 and 5xx hold for every request. In-band errors close with
// 1008 (policy violation) when the input is at fault, 1011 when the server failed. Anything without
// a status — a refused connection, a dropped socket, no audio in time — is the vendor's.

export type FaultKind = "unavailable" | "rejected";

export class ElevenLabsFault extends Error {
  constructor(
    message: string,
    readonly kind: FaultKind,
  ) {
    super(message);
    this.name = "ElevenLabsFault";
  }
}

const REJECTED_STATUSES = new Set([400, 403, 404, 422]);

/** A refused WebSocket upgrade or HTTP answer, by status. */
export function kindOfStatus(status: number): FaultKind {
  return REJECTED_STATUSES.has(status) ? "rejected" : "unavailable";
}

/** The status in ws's "Unexpected server response: 429", if the failure was a refused upgrade. */
export function upgradeStatus(message: string): number | undefined {
  const m = /Unexpected server response: (\d{3})/.exec(message);
  return m ? Number(m[1]) : undefined;
}

/** An in-band { error, message, code } from the server. Quota and rate limits are account-wide, whatever the code. */
export function kindOfServerError(msg: { error?: string | null; code?: number | null }): FaultKind {
  if (/quota|rate|limit_reached|unauthori[sz]ed|api_key/i.test(msg.error ?? "")) return "unavailable";
  return msg.code === 1008 ? "rejected" : "unavailable";
}

export function faultKind(error: unknown): FaultKind {
  return error instanceof ElevenLabsFault ? error.kind : "unavailable";
}
