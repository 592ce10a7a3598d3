// GET /api/health — dependency status (in production: status per dependency, no error text or names)
import { NextResponse } from "next/server";
import { getEnv } from "../../../lib/env";
import { checkDatabase, checkRedis } from "../../../lib/health/checks";
import { buildHealthReport, healthDetailAllowed } from "../../../lib/health/report";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

async function read() {
  const { httpStatus, body } = await buildHealthReport(
    "app",
    { database: () => checkDatabase(), redis: () => checkRedis() },
    { detail: healthDetailAllowed(getEnv().NODE_ENV) },
  );
  return NextResponse.json(body, { status: httpStatus, headers: { "cache-control": "no-store" } });
}

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ GET: read });
