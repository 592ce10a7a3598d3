import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { toViewer } from "@/components/shell/to-viewer";
import { requirePageContext } from "@/lib/tenant/page-context";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const ctx = await requirePageContext();
  return <AppShell viewer={toViewer(ctx)}>{children}</AppShell>;
}
