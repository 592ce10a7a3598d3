import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { CallsBrowser } from "@/components/calls/calls-browser";
import { PageHeader } from "@/components/shell/page-header";
import { buttonClasses } from "@/components/ui/button-classes";
import { listAgents } from "@/lib/agents/service";
import { requirePageContext } from "@/lib/tenant/page-context";
import { userScope } from "@/lib/tenant/scope";

export const metadata: Metadata = { title: "Calls" };

export default async function CallsPage() {
  const ctx = await requirePageContext();
  const agents = await listAgents(userScope(ctx));
  return (
    <>
      <PageHeader
        title="Calls"
        description="Every call your agents answered: open one for its transcript, recording and cost."
        actions={
          <Link href="/calls/live" className={buttonClasses({ variant: "secondary" })}>
            <span aria-hidden="true" className="size-2 rounded-full bg-emerald-500" />
            Live calls
          </Link>
        }
      />
      {/* useSearchParams needs a boundary; the list shows its own loading state inside. */}
      <Suspense>
        <CallsBrowser agents={agents.map((a) => ({ id: a.id, name: a.name }))} />
      </Suspense>
    </>
  );
}
