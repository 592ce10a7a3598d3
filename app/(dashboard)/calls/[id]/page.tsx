import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CallDetailView } from "@/components/calls/detail/call-detail-view";
import { PageHeader } from "@/components/shell/page-header";
import { ArrowLeftIcon } from "@/components/ui/icons";
import { toCallDetailJson } from "@/lib/calls/serialize";
import { getCallOrThrow } from "@/lib/calls/service";
import { isAppError } from "@/lib/errors";
import { resourceId } from "@/lib/http/params";
import { requirePageContext } from "@/lib/tenant/page-context";
import { userScope } from "@/lib/tenant/scope";

export const metadata: Metadata = { title: "Call" };

export default async function CallPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await requirePageContext();
  if (!resourceId.safeParse(id).success) notFound();
  let call;
  try {
    // Scoped to the tenant: another tenant's call is "not found", like a missing one.
    call = await getCallOrThrow(userScope(ctx), id);
  } catch (error) {
    if (isAppError(error, "NOT_FOUND")) notFound();
    throw error;
  }
  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/calls" className="focus-ring inline-flex items-center gap-1 rounded text-sm text-zinc-500 hover:text-zinc-800">
            <ArrowLeftIcon className="size-4" /> Calls
          </Link>
        }
        title={`Call from ${call.fromNumber}`}
        description={call.agent ? `Answered by ${call.agent.name}` : undefined}
      />
      <CallDetailView initial={toCallDetailJson(call)} />
    </>
  );
}
