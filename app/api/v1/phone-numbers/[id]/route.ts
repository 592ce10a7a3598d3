// GET /api/v1/phone-numbers/:id — one number; PATCH — relabel or reassign (admins); DELETE — release it (admins)
import { readJson } from "@/lib/http/read-json";
import { phoneNumberUpdateSchema } from "@/lib/phone-numbers/schemas";
import { toPhoneNumberJson } from "@/lib/phone-numbers/serialize";
import { releasePhoneNumber } from "@/lib/phone-numbers/provisioning";
import { getPhoneNumberOrThrow, updatePhoneNumber } from "@/lib/phone-numbers/service";
import { withTenant } from "@/lib/tenant/api-guard";
import { route } from "@/lib/http/route";
import { idParams, type IdParams } from "@/lib/http/params";

export const runtime = "nodejs";

type Params = IdParams;

const read = withTenant<Params>(async (_req, { session, params }) => {
  return Response.json({ data: toPhoneNumberJson(await getPhoneNumberOrThrow(session, params.id)) });
});

const update = withTenant<Params>(
  async (req, { session, params }) => {
    const patch = await readJson(req, phoneNumberUpdateSchema);
    return Response.json({ data: toPhoneNumberJson(await updatePhoneNumber(session, params.id, patch)) });
  },
  { role: "ADMIN" },
);

const remove = withTenant<Params>(
  async (_req, { session, params }) => {
    await releasePhoneNumber(session, params.id);
    return new Response(null, { status: 204 });
  },
  { role: "ADMIN" },
);

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ GET: read, PATCH: update, DELETE: remove }, { params: idParams });
