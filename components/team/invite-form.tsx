"use client";
// Settings → Team: invite someone by email as admin or member. Without a mail server the link comes
// back in the response and is shown here with a copy button, for the admin to pass on.
import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ApiError, api, errorMessage } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { CopyLink } from "./copy-link";

export type Delivery = { via: "email" } | { via: "link"; link: string; mailFailed?: true };
export type InviteRow = { id: string; email: string; role: "ADMIN" | "USER"; expiresAt: string; createdAt: string; expired: boolean; invitedBy: { name: string } | null };
export const INVITES_KEY = ["team", "invites"] as const;

export function InviteForm() {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<"USER" | "ADMIN">("USER");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [sent, setSent] = useState<{ email: string; delivery: Delivery } | null>(null);
  const toast = useToast();
  const queryClient = useQueryClient();
  const invite = useMutation({
    mutationFn: () => api.post<InviteRow & { delivery: Delivery }>("/api/v1/team/invites", { email, role }),
    onSuccess: (data) => {
      setSent({ email: data.email, delivery: data.delivery });
      setEmail("");
      if (data.delivery.via === "email") toast({ title: "Invite sent", description: `We emailed ${data.email} a link to join.` });
      // Shown at once, then confirmed by the refetch (an invite to the same address replaced the old one).
      const { delivery: _delivery, ...row } = data;
      queryClient.setQueryData<InviteRow[]>(INVITES_KEY, (list) => (list ? [row, ...list.filter((i) => i.email !== row.email)] : list));
      void queryClient.invalidateQueries({ queryKey: INVITES_KEY });
    },
    onError: (error) => setFieldError(error instanceof ApiError && (error.field === "email" || error.code === "ALREADY_MEMBER") ? error.message : null),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (invite.isPending) return;
    setFieldError(null);
    setSent(null);
    if (!/^\S+@\S+\.\S+$/.test(email.trim())) return setFieldError("Enter a valid email address");
    invite.mutate();
  };

  return (
    <div className="grid gap-4">
      <form onSubmit={onSubmit} noValidate aria-label="Invite a team member" className="grid gap-3 sm:grid-cols-[1fr_10rem_auto] sm:items-start">
        <Field id="invite-email" label="Email" error={fieldError ?? undefined}>
          <Input type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} maxLength={254} placeholder="colleague@example.com" required />
        </Field>
        <Field id="invite-role" label="Role">
          <Select value={role} onChange={(e) => setRole(e.target.value as "USER" | "ADMIN")}>
            <option value="USER">Member</option>
            <option value="ADMIN">Admin</option>
          </Select>
        </Field>
        <div className="sm:pt-6">
          <Button type="submit" loading={invite.isPending}>
            Send invite
          </Button>
        </div>
      </form>
      {invite.isError && !fieldError && <Alert>{errorMessage(invite.error)}</Alert>}
      <div aria-live="polite">
        {sent?.delivery.via === "link" && (
          <Alert tone="info" title={`Invite for ${sent.email} created`}>
            {sent.delivery.mailFailed ? "The email could not be sent. " : "No mail server is set up, so nothing was emailed. "}
            Send them this link; it works for 7 days:
            <CopyLink link={sent.delivery.link} />
          </Alert>
        )}
      </div>
    </div>
  );
}
