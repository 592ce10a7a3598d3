import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { toViewer } from "@/components/shell/to-viewer";
import { requireSuperAdminPageContext } from "@/lib/tenant/page-context";

// The platform operator's section: same frame, guarded for super admins (others get a 404).
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const ctx = await requireSuperAdminPageContext();
  return <AppShell viewer={toViewer(ctx)}>{children}</AppShell>;
}
