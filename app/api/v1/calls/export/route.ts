// GET /api/v1/calls/export — the filtered, sorted calls list as a streamed CSV download (same filters and sort as the list)
import { exportCallsCsv, exportFileName } from "@/lib/calls/export";
import { callExportQuerySchema } from "@/lib/calls/list-query";
import { readQuery } from "@/lib/http/read-query";
import { route } from "@/lib/http/route";
import { withTenant } from "@/lib/tenant/api-guard";

export const runtime = "nodejs";

const download = withTenant(async (req, { session }) => {
  const body = await exportCallsCsv(session, readQuery(req, callExportQuerySchema));
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${exportFileName()}"`,
      "Cache-Control": "private, no-store",
    },
  });
});

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ GET: download });
