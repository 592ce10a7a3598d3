"use client";
// Settings → Security: change password, and the sessions this account is signed in with.
import { useQueryClient } from "@tanstack/react-query";
import { Card } from "@/components/ui/card";
import { PasswordForm } from "./password-form";
import { SESSIONS_KEY, SessionList } from "./session-list";

export function SecurityCard() {
  const queryClient = useQueryClient();
  return (
    <Card title="Security" description="Your password and the browsers signed in to your account.">
      <div className="grid gap-8">
        <section aria-labelledby="password-heading" className="grid gap-3">
          <h3 id="password-heading" className="text-sm font-semibold text-zinc-900">
            Password
          </h3>
          <PasswordForm onChanged={() => void queryClient.invalidateQueries({ queryKey: SESSIONS_KEY })} />
        </section>
        <section aria-labelledby="sessions-heading" className="grid gap-3">
          <h3 id="sessions-heading" className="text-sm font-semibold text-zinc-900">
            Where you are signed in
          </h3>
          <SessionList />
        </section>
      </div>
    </Card>
  );
}
