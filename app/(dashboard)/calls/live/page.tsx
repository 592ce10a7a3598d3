import type { Metadata } from "next";
import { LiveCalls } from "@/components/calls/live/live-calls";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageContext } from "@/lib/tenant/page-context";

export const metadata: Metadata = { title: "Live calls" };

// The workspace's calls as they happen; everything on it comes from the browser's socket.
export default async function LiveCallsPage() {
  const ctx = await requirePageContext();
  return (
    <>
      <PageHeader title="Live calls" description="Calls in progress right now. Open one to follow its transcript as it is spoken." />
      <LiveCalls isAdmin={ctx.role === "ADMIN"} />
    </>
  );
}
