// POST /api/auth/signup — create an account, its workspace (tenant) and admin membership
import { signUp, signUpSchema } from "@/lib/auth/signup";
import { getDb } from "@/lib/db/client";
import { readJson } from "@/lib/http/read-json";
import { withPublic } from "@/lib/tenant/api-guard";

export const runtime = "nodejs";

export const POST = withPublic(async (req) => {
  const input = await readJson(req, signUpSchema);
  return Response.json({ data: await signUp(getDb(), input) }, { status: 201 });
});
