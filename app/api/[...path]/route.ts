// /api/* with no route of its own — the JSON 404 every API client expects, for every method, instead
// of the HTML not-found page. More specific routes (/api/v1/agents, /api/auth/[...nextauth]) win.
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

function notFound(req: Request): never {
  throw new AppError("NOT_FOUND", `No API endpoint at ${new URL(req.url).pathname}`);
}

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({
  GET: notFound,
  HEAD: notFound,
  OPTIONS: notFound,
  POST: notFound,
  PUT: notFound,
  PATCH: notFound,
  DELETE: notFound,
});
