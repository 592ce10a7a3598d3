// /admin — the platform operator's cockpit: every workspace, searchable and sortable, and the audit log.
import type { Metadata } from "next";
import Link from "next/link";
import { TenantsBrowser } from "@/components/admin/tenants-browser";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button-classes";
import { requireSuperAdminPageContext } from "@/lib/tenant/page-context";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  await requireSuperAdminPageContext();
  return (
    <>
      <PageHeader
        eyebrow={<Badge tone="warning">Super admin</Badge>}
        title="Platform administration"
        description="Every workspace with its plan, status and this month's usage."
        actions={
          <Link href="/admin/audit" className={buttonClasses({ variant: "secondary" })}>
            Audit log
          </Link>
        }
      />
      <TenantsBrowser />
    </>
  );
}
