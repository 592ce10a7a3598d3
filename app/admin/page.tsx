import type { Metadata } from "next";
import { ComingNext } from "@/components/shell/coming-next";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { ShieldIcon } from "@/components/ui/icons";
import { requireSuperAdminPageContext } from "@/lib/tenant/page-context";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  await requireSuperAdminPageContext();
  return (
    <>
      <PageHeader
        eyebrow={<Badge tone="warning">Super admin</Badge>}
        title="Platform administration"
        description="Operate Frontdesk across every workspace."
      />
      <ComingNext
        icon={<ShieldIcon className="size-6" />}
        title="Platform administration — coming next"
        description="This is where you will run the platform. Nothing is shown here until it reads real data."
        points={[
          "Every workspace with its plan, status and usage",
          "Quotas per workspace: minutes, agents, numbers, concurrent calls",
          "Suspend and reinstate workspaces",
          "Platform-wide call volume and provider costs",
        ]}
      />
    </>
  );
}
