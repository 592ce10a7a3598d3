import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { toViewer } from "@/components/shell/to-viewer";
import { getOptionalPageContext, requireSuperAdminPageContext } from "@/lib/tenant/page-context";

// The platform operator's section: same frame, guarded for super admins (others get a 404). It needs
// no workspace; one who also belongs to a workspace keeps it in the frame (and its navigation).
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const platform = await requireSuperAdminPageContext();
  const workspace = await getOptionalPageContext();
  const viewer = workspace ?? { ...platform, tenantName: null, tenantPlan: null, role: null };
  return <AppShell viewer={toViewer(viewer)}>{children}</AppShell>;
}
