// Every API request gets an id: the caller's (a load balancer's, a client's retry) when it is a safe
// token, else a new one. It goes back as `x-request-id` and into every log line for the request.
import { randomUUID } from "node:crypto";

export const REQUEST_ID_HEADER = "x-request-id";
const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

export function requestIdFor(req: Request): string {
  const incoming = req.headers.get(REQUEST_ID_HEADER);
  return incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}
