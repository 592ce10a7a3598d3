// /admin/audit — every workspace's audit log and the platform's own, with filters (super admins).
import type { Metadata } from "next";
import { AuditBrowser } from "@/components/audit/audit-browser";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { requireSuperAdminPageContext } from "@/lib/tenant/page-context";

export const metadata: Metadata = { title: "Audit log · Admin" };

export default async function PlatformAuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireSuperAdminPageContext();
  const tenant = (await searchParams).tenant;
  return (
    <>
      <PageHeader eyebrow={<Badge tone="warning">Super admin</Badge>} title="Audit log" description="Who did what, when and from where, across every workspace." />
      <AuditBrowser endpoint="/api/v1/admin/audit" platform initialTenant={typeof tenant === "string" ? tenant : ""} />
    </>
  );
}
