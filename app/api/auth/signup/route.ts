// POST /api/auth/signup — create an account, its workspace (tenant) and admin membership
import { clientIp } from "@/lib/auth/client-ip";
import { signUp, signUpSchema } from "@/lib/auth/signup";
import { platformDb } from "@/lib/tenant/platform-db";
import { readJson } from "@/lib/http/read-json";
import { withPublic } from "@/lib/tenant/api-guard";
import { route } from "@/lib/http/route";

export const runtime = "nodejs";

const create = withPublic(async (req) => {
  const input = await readJson(req, signUpSchema);
  return Response.json({ data: await signUp(platformDb("auth"), input, { ip: clientIp(req.headers) }) }, { status: 201 });
});

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ POST: create });
