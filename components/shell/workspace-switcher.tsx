"use client";
// The header's workspace name; for someone in several workspaces, a select that switches the session
// to another. A switch reloads the app at the overview: every page, query cache and live socket then
// belongs to the new workspace (nothing of the old one lingers in memory).
import { useMutation, useQuery } from "@tanstack/react-query";
import { api, errorMessage } from "@/components/api-client";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";

type Workspace = { id: string; name: string; role: "ADMIN" | "USER"; status: string; current: boolean };

export const WORKSPACES_KEY = ["me", "workspaces"] as const;

export function WorkspaceSwitcher({ currentName }: { currentName: string }) {
  const toast = useToast();
  const workspaces = useQuery({ queryKey: WORKSPACES_KEY, queryFn: ({ signal }) => api.get<Workspace[]>("/api/v1/me/tenant", signal), staleTime: 60_000 });
  const change = useMutation({
    mutationFn: (tenantId: string) => api.post<Workspace>("/api/v1/me/tenant", { tenantId }),
    onSuccess: () => window.location.assign("/overview"),
    onError: (error) => toast({ tone: "error", title: "Could not switch workspace", description: errorMessage(error) }),
  });

  const list = workspaces.data ?? [];
  const current = list.find((w) => w.current);
  if (list.length < 2 || !current) {
    return (
      <span className="truncate text-sm font-semibold text-zinc-900" title="Workspace">
        {currentName}
      </span>
    );
  }
  return (
    <Select
      compact
      aria-label="Workspace"
      value={current.id}
      disabled={change.isPending}
      onChange={(e) => change.mutate(e.target.value)}
      wrapperClassName="min-w-0 max-w-64"
      className="font-semibold"
    >
      {list.map((w) => (
        <option key={w.id} value={w.id} disabled={w.status !== "ACTIVE"}>
          {w.name}
          {w.status !== "ACTIVE" ? " (suspended)" : ""}
        </option>
      ))}
    </Select>
  );
}
