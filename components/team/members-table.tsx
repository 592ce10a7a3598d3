"use client";
// Settings → Team: the workspace's members. Admins change roles (a select per row) and remove people;
// the server refuses taking away the last admin (LAST_ADMIN), and the message is shown as it comes.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getAllPages } from "@/components/all-pages";
import { api, errorMessage } from "@/components/api-client";
import { ROLE_LABELS } from "@/components/shell/labels";
import { useCanEdit } from "@/components/shell/viewer";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Select } from "@/components/ui/select";
import { Table, Th } from "@/components/ui/table";
import { TimeText } from "@/components/ui/time-text";
import { useToast } from "@/components/ui/toast";

export type MemberRow = { id: string; userId: string; name: string; email: string; role: "ADMIN" | "USER"; joinedAt: string; you: boolean };
export const MEMBERS_KEY = ["team", "members"] as const;

export function MembersTable() {
  const canEdit = useCanEdit();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [removing, setRemoving] = useState<MemberRow | null>(null);
  const members = useQuery({ queryKey: MEMBERS_KEY, queryFn: ({ signal }) => getAllPages<MemberRow>("/api/v1/team/members", signal) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: MEMBERS_KEY });

  const changeRole = useMutation({
    mutationFn: (v: { id: string; role: MemberRow["role"] }) => api.patch<MemberRow>(`/api/v1/team/members/${v.id}`, { role: v.role }),
    onSuccess: (m) => {
      toast({ title: "Role changed", description: `${m.name} is now ${ROLE_LABELS[m.role].toLowerCase()}.` });
      // Demoting yourself changes what this page may do: reload it as a member.
      if (m.you && m.role !== "ADMIN") return window.location.reload();
      void refresh();
    },
    onError: (error) => {
      toast({ tone: "error", title: "Could not change the role", description: errorMessage(error) });
      void refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (m: MemberRow) => api.delete(`/api/v1/team/members/${m.id}`),
    onSuccess: (_d, m) => {
      setRemoving(null);
      if (m.you) return window.location.assign("/sign-in");
      toast({ title: "Member removed", description: `${m.name} no longer has access.` });
      void refresh();
    },
  });

  if (members.isError) return <Alert>{errorMessage(members.error)}</Alert>;
  if (members.isPending) return <p className="text-sm text-zinc-500" aria-live="polite">Loading members…</p>;
  return (
    <>
      <Table
        caption="Workspace members"
        head={
          <>
            <Th edge>Name</Th>
            <Th hideBelow="sm">Email</Th>
            <Th>Role</Th>
            <Th hideBelow="md">Joined</Th>
            {canEdit && <Th edge align="right">Actions</Th>}
          </>
        }
      >
        {members.data.map((m) => (
          <tr key={m.id}>
            <td className="px-3 py-3 sm:px-5">
              <span className="font-medium text-zinc-900">{m.name}</span> {m.you && <Badge tone="neutral">You</Badge>}
              <span className="block text-xs text-zinc-500 sm:hidden">{m.email}</span>
            </td>
            <td className="hidden px-4 py-3 text-zinc-700 sm:table-cell">{m.email}</td>
            <td className="px-3 py-3 sm:px-4">
              {canEdit ? (
                <Select
                  compact
                  aria-label={`Role of ${m.name}`}
                  value={m.role}
                  disabled={changeRole.isPending && changeRole.variables?.id === m.id}
                  onChange={(e) => changeRole.mutate({ id: m.id, role: e.target.value as MemberRow["role"] })}
                  wrapperClassName="w-32"
                >
                  <option value="ADMIN">{ROLE_LABELS.ADMIN}</option>
                  <option value="USER">{ROLE_LABELS.USER}</option>
                </Select>
              ) : (
                <Badge tone={m.role === "ADMIN" ? "accent" : "neutral"}>{ROLE_LABELS[m.role]}</Badge>
              )}
            </td>
            <td className="hidden px-4 py-3 text-zinc-600 md:table-cell">
              <TimeText iso={m.joinedAt} format="date" />
            </td>
            {canEdit && (
              <td className="px-3 py-3 text-right sm:px-5">
                <Button variant="danger-secondary" size="sm" onClick={() => { remove.reset(); setRemoving(m); }} aria-label={`Remove ${m.name}`}>
                  Remove
                </Button>
              </td>
            )}
          </tr>
        ))}
      </Table>
      <ConfirmDialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        onConfirm={() => removing && remove.mutate(removing)}
        title={removing?.you ? "Leave this workspace?" : `Remove ${removing?.name ?? ""}?`}
        description={removing?.you ? "You lose access to this workspace at once." : "They lose access to this workspace at once. You can invite them again later."}
        confirmLabel={removing?.you ? "Leave" : "Remove"}
        pending={remove.isPending}
        error={remove.isError ? errorMessage(remove.error) : null}
      />
    </>
  );
}
