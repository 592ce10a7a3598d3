// GET /api/v1/calls/:id/recording — the call's stereo WAV (caller left, agent right); Range and HEAD
import { Readable } from "node:stream";
import { openCallRecording, type RecordingRange } from "@/lib/calls/recording-service";
import { errorBody } from "@/lib/http/error-response";
import { idParams, type IdParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { getStorage } from "@/lib/providers/storage";
import { withTenant } from "@/lib/tenant/api-guard";

export const runtime = "nodejs";

/**
 * One "bytes=" range; anything else (several ranges, other units, garbage) is ignored and the whole
 * file is served, as RFC 9110 allows.
 */
function parseRange(header: string | null): RecordingRange | undefined {
  const m = header ? /^bytes=(\d{0,15})-(\d{0,15})$/.exec(header.trim()) : null;
  if (!m || (m[1] === "" && m[2] === "")) return undefined;
  if (m[1] === "") return { suffix: Number(m[2]) };
  const start = Number(m[1]);
  const end = m[2] === "" ? undefined : Number(m[2]);
  return end !== undefined && end < start ? undefined : { start, end };
}

const read = withTenant<IdParams>(async (req, { session, params }) => {
  const head = req.method === "HEAD";
  const result = await openCallRecording(session, params.id, { storage: getStorage(), range: parseRange(req.headers.get("range")), bodyless: head });
  const headers = new Headers({ "Accept-Ranges": "bytes", "Cache-Control": "private, no-store" });
  if (result.kind === "unsatisfiable") {
    headers.set("Content-Range", `bytes */${result.totalSize}`);
    return Response.json(errorBody("RANGE_NOT_SATISFIABLE", `The recording has ${result.totalSize} bytes`), { status: 416, headers });
  }
  const { object } = result;
  headers.set("Content-Type", object.contentType);
  headers.set("Content-Disposition", `inline; filename="call-${params.id}.wav"`);
  const partial = result.kind === "partial";
  headers.set("Content-Length", String(partial || !head ? object.size : object.totalSize));
  if (partial) headers.set("Content-Range", `bytes ${result.start}-${result.end}/${object.totalSize}`);
  if (head) {
    object.body.destroy();
    return new Response(null, { status: partial ? 206 : 200, headers });
  }
  return new Response(Readable.toWeb(object.body) as ReadableStream<Uint8Array>, { status: partial ? 206 : 200, headers });
});

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ GET: read }, { params: idParams });
