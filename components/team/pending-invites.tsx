"use client";
// Settings → Team: invites not yet accepted. Revoke kills the link; resend makes a new link with 7 more
// days (the old one dies) and, without a mail server, shows it to copy.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getAllPages } from "@/components/all-pages";
import { api, errorMessage } from "@/components/api-client";
import { ROLE_LABELS } from "@/components/shell/labels";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { TimeText } from "@/components/ui/time-text";
import { useToast } from "@/components/ui/toast";
import { CopyLink } from "./copy-link";
import { INVITES_KEY, type Delivery, type InviteRow } from "./invite-form";

export function PendingInvites() {
  const toast = useToast();
  const queryClient = useQueryClient();
  const [links, setLinks] = useState<Record<string, string>>({});
  const invites = useQuery({ queryKey: INVITES_KEY, queryFn: ({ signal }) => getAllPages<InviteRow>("/api/v1/team/invites", signal) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: INVITES_KEY });

  const revoke = useMutation({
    mutationFn: (i: InviteRow) => api.delete(`/api/v1/team/invites/${i.id}`),
    onSuccess: (_d, i) => {
      toast({ title: "Invite revoked", description: `The link sent to ${i.email} no longer works.` });
      void refresh();
    },
    onError: (error) => toast({ tone: "error", title: "Could not revoke the invite", description: errorMessage(error) }),
  });
  const resend = useMutation({
    mutationFn: (i: InviteRow) => api.post<InviteRow & { delivery: Delivery }>(`/api/v1/team/invites/${i.id}/resend`),
    onSuccess: (data) => {
      const delivery = data.delivery;
      if (delivery.via === "link") setLinks((l) => ({ ...l, [data.id]: delivery.link }));
      else toast({ title: "Invite sent again", description: `We emailed ${data.email} a new link.` });
      void refresh();
    },
    onError: (error) => toast({ tone: "error", title: "Could not resend the invite", description: errorMessage(error) }),
  });

  if (invites.isError) return <Alert>{errorMessage(invites.error)}</Alert>;
  if (invites.isPending) return <p className="text-sm text-zinc-500">Loading invites…</p>;
  if (invites.data.length === 0) return <p className="text-sm text-zinc-500">No pending invites.</p>;
  return (
    <ul className="divide-y divide-zinc-100" aria-label="Pending invites" aria-live="polite">
      {invites.data.map((i) => (
        <li key={i.id} className="grid gap-2 py-3 first:pt-0">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <div className="min-w-0">
              <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-zinc-900">
                {i.email} <Badge tone="neutral">{ROLE_LABELS[i.role]}</Badge>
                {i.expired && <Badge tone="warning">Expired</Badge>}
              </p>
              <p className="mt-0.5 text-xs text-zinc-500">
                {i.invitedBy ? `Invited by ${i.invitedBy.name} · ` : ""}
                {i.expired ? "expired" : "expires"} <TimeText iso={i.expiresAt} format="relative" />
              </p>
            </div>
            <div className="flex gap-2">
              <Button variant="secondary" size="sm" loading={resend.isPending && resend.variables?.id === i.id} onClick={() => resend.mutate(i)} aria-label={`Resend invite to ${i.email}`}>
                Resend
              </Button>
              <Button variant="danger-secondary" size="sm" loading={revoke.isPending && revoke.variables?.id === i.id} onClick={() => revoke.mutate(i)} aria-label={`Revoke invite to ${i.email}`}>
                Revoke
              </Button>
            </div>
          </div>
          {links[i.id] && <CopyLink link={links[i.id]!} />}
        </li>
      ))}
    </ul>
  );
}
