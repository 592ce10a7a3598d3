// /invite/:token — what an invite link opens: the workspace, who invited you and as what, then the
// way to accept it; an expired, revoked, used or unknown link gets a page saying which and what to do.
import type { Metadata } from "next";
import Link from "next/link";
import { AuthHeading } from "@/components/auth/auth-heading";
import { ROLE_LABELS } from "@/components/shell/labels";
import { Logo } from "@/components/shell/logo";
import { AcceptInvite } from "@/components/team/accept-invite";
import { Alert } from "@/components/ui/alert";
import { findInvite, INVITE_STATE_MESSAGES } from "@/lib/auth/accept-invite";
import { getOptionalPageContext } from "@/lib/tenant/page-context";
import { platformDb } from "@/lib/tenant/platform-db";

export const metadata: Metadata = { title: "Join a workspace", robots: { index: false } };

const TITLES = { expired: "This invite has expired", revoked: "This invite is no longer valid", used: "This invite was already used", unknown: "Invite not found" } as const;

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { state, invite } = await findInvite(platformDb("auth"), token);
  const ctx = state === "valid" ? await getOptionalPageContext() : null;
  return (
    <div className="flex min-h-dvh flex-col bg-gradient-to-b from-accent-50/60 via-zinc-50 to-zinc-50 px-4 py-10 sm:py-16">
      <div className="mx-auto flex w-full max-w-sm flex-1 flex-col">
        <Logo className="mx-auto mb-8" />
        <main className="rounded-2xl border border-zinc-200 bg-white p-6 shadow-sm sm:p-8">
          {state !== "valid" || !invite ? (
            <>
              <AuthHeading title={TITLES[state === "valid" ? "unknown" : state]} />
              <Alert tone="warning">{INVITE_STATE_MESSAGES[state === "valid" ? "unknown" : state]}</Alert>
              <p className="mt-6 text-center text-sm text-zinc-600">
                <Link href="/sign-in" className="focus-ring rounded font-medium text-accent-700 hover:underline">
                  Go to sign in
                </Link>
              </p>
            </>
          ) : (
            <>
              <AuthHeading
                title={`Join ${invite.workspace}`}
                description={
                  <>
                    {invite.inviter ? `${invite.inviter} invited you` : "You are invited"} to {invite.workspace} on Frontdesk as{" "}
                    <strong className="text-zinc-900">{ROLE_LABELS[invite.role].toLowerCase()}</strong>
                    {invite.role === "ADMIN" ? " (full access)" : " (view only; admins make changes)"}.
                  </>
                }
              />
              <AcceptInvite token={token} email={invite.email} hasAccount={invite.hasAccount} signedInAs={ctx?.userEmail ?? null} />
            </>
          )}
        </main>
      </div>
    </div>
  );
}
