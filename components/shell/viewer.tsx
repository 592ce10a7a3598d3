"use client";
// Who is looking at the dashboard, for client components that adapt to the role.
// The server decides (page context); this only carries it down.
import { createContext, useContext, type ReactNode } from "react";

export type Plan = "FREE" | "STARTER" | "GROWTH" | "ENTERPRISE";
export type Role = "ADMIN" | "USER";

export type Viewer = {
  userName: string;
  userEmail: string;
  isSuperAdmin: boolean;
  // null in the admin section for a super admin who belongs to no workspace.
  tenantName: string | null;
  tenantPlan: Plan | null;
  role: Role | null;
};

const ViewerContext = createContext<Viewer | null>(null);

export function ViewerProvider({ viewer, children }: { viewer: Viewer; children: ReactNode }) {
  return <ViewerContext value={viewer}>{children}</ViewerContext>;
}

export function useViewer(): Viewer {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error("useViewer must be used inside <ViewerProvider>");
  return viewer;
}

/** Tenant admins may change agents and numbers; users see them read-only. */
export function useCanEdit(): boolean {
  return useViewer().role === "ADMIN";
}
