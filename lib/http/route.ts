// One helper per route file, so each file declares its handlers once and Next sees every method:
//   export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ GET: ..., POST: ... }, { params });
// Methods a route does not declare answer 405 METHOD_NOT_ALLOWED (JSON, with an Allow header) instead
// of Next's empty 405; HEAD follows GET; OPTIONS lists the methods. Around every handler: a request id
// (response header + every log line), the request's origin for audit entries, route params checked before any handler or query sees them,
// and any escaped error mapped to the JSON error shape.
import type { z } from "zod";
import { AppError } from "../errors";
import { withLogContext } from "../logger";
import { errorResponse } from "./error-response";
import { REQUEST_ID_HEADER, requestIdFor } from "./request-id";
import { withRequestOrigin } from "./request-origin";
import { hasForbiddenCharacters } from "./text";

export const HTTP_METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

type RawParams = Record<string, string | string[] | undefined>;
// What Next passes as the second argument (absent when tests call a static route's handler directly).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RouteContext = { params: Promise<any> };
/** What a route file declares: Next always passes the context, and route() always passes it on. */
export type RouteHandler = (req: Request, ctx: RouteContext) => Response | Promise<Response>;
/** What route() exports: callable without a context too (tests call static routes' handlers directly). */
export type ExportedHandler = (req: Request, ctx?: RouteContext) => Promise<Response>;

type RouteOptions = {
  /** Schema for the route's params; a mismatch is 404 NOT_FOUND (an id that cannot exist names nothing). */
  params?: z.ZodType;
};

/** Control characters (NUL above all) in a URL segment are a client error naming the param, not a 500. */
async function checkParams(ctx: RouteContext | undefined, schema: z.ZodType | undefined): Promise<RawParams> {
  const raw: RawParams = (ctx ? await ctx.params : undefined) ?? {};
  for (const [name, value] of Object.entries(raw)) {
    const values = Array.isArray(value) ? value : [value ?? ""];
    if (values.some((v) => hasForbiddenCharacters(v))) {
      throw new AppError("VALIDATION_FAILED", `${name}: must not contain control characters (such as NUL)`, { field: name });
    }
  }
  if (schema && !schema.safeParse(raw).success) throw new AppError("NOT_FOUND", "Not found");
  return raw;
}

function withHeader(res: Response, name: string, value: string): Response {
  try {
    res.headers.set(name, value);
    return res;
  } catch {
    // Immutable headers (a fetched or redirect Response): copy it.
    const copy = new Response(res.body, res);
    copy.headers.set(name, value);
    return copy;
  }
}

function wrap(handler: RouteHandler, opts: RouteOptions): ExportedHandler {
  return (req, ctx) => {
    const requestId = requestIdFor(req);
    return withLogContext({ requestId }, () => withRequestOrigin(req, async () => {
      let res: Response;
      try {
        const params = await checkParams(ctx, opts.params);
        res = await handler(req, { ...ctx, params: Promise.resolve(params) });
      } catch (err) {
        res = errorResponse(err);
      }
      return withHeader(res, REQUEST_ID_HEADER, requestId);
    }));
  };
}

export function allowHeader(declared: readonly HttpMethod[]): string {
  const allow = new Set<HttpMethod>([...declared, "OPTIONS"]);
  if (allow.has("GET")) allow.add("HEAD");
  return [...allow].sort().join(", ");
}

export function route(handlers: Partial<Record<HttpMethod, RouteHandler>>, opts: RouteOptions = {}): Record<HttpMethod, ExportedHandler> {
  const declared = HTTP_METHODS.filter((m) => handlers[m]);
  const allow = allowHeader(declared);
  const notAllowed: RouteHandler = (req) => {
    const res = errorResponse(new AppError("METHOD_NOT_ALLOWED", `${req.method} is not supported here; use ${allow}`));
    res.headers.set("Allow", allow);
    return res;
  };
  const options: RouteHandler = () => new Response(null, { status: 204, headers: { Allow: allow } });
  const all = {} as Record<HttpMethod, ExportedHandler>;
  for (const method of HTTP_METHODS) {
    const own = handlers[method] ?? (method === "HEAD" ? handlers.GET : method === "OPTIONS" ? options : undefined);
    all[method] = wrap(own ?? notAllowed, own ? opts : {});
  }
  return all;
}
