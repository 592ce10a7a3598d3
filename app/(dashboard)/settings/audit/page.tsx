// Settings → Audit log: the workspace's own audit trail, for its admins (members get a 404).
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AuditBrowser } from "@/components/audit/audit-browser";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageContext } from "@/lib/tenant/page-context";

export const metadata: Metadata = { title: "Audit log · Settings" };

export default async function WorkspaceAuditPage() {
  const ctx = await requirePageContext();
  if (ctx.role !== "ADMIN") notFound();
  return (
    <>
      <PageHeader title="Audit log" description={`Who changed what in ${ctx.tenantName}, when and from where.`} />
      <AuditBrowser endpoint="/api/v1/audit" />
    </>
  );
}
