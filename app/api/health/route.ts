// GET /api/health — dependency status
import { NextResponse } from "next/server";
import { checkDatabase, checkRedis } from "../../../lib/health/checks";
import { buildHealthReport } from "../../../lib/health/report";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export async function GET() {
  const { httpStatus, body } = await buildHealthReport("app", {
    database: () => checkDatabase(),
    redis: () => checkRedis(),
  });
  return NextResponse.json(body, { status: httpStatus, headers: { "cache-control": "no-store" } });
}
