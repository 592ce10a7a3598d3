// /api/auth/* — next-auth's sign-in, sign-out, session and CSRF endpoints
import { getAuthOptions } from "@/lib/auth/options";
import { handleNextAuth } from "@/lib/auth/next-auth-route";
import { route } from "@/lib/http/route";

export const runtime = "nodejs";

type Ctx = { params: Promise<{ nextauth: string[] }> };

async function handler(req: Request, ctx: Ctx) {
  return handleNextAuth(req, (await ctx.params).nextauth, getAuthOptions());
}

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ GET: handler, POST: handler });
