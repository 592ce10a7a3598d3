import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { Logo } from "@/components/shell/logo";
import { getSignedInHome } from "@/lib/tenant/page-context";

// Sign-in and sign-up share one centered card. Already signed in: straight to the dashboard (or, for a
// super admin without a workspace, the admin section).
export default async function AuthLayout({ children }: { children: ReactNode }) {
  const home = await getSignedInHome();
  if (home) redirect(home);
  return (
    <div className="flex min-h-dvh flex-col bg-gradient-to-b from-accent-50/60 via-zinc-50 to-zinc-50 px-4 py-10 sm:py-16">
      <div className="mx-auto flex w-full max-w-sm flex-1 flex-col">
        <Logo className="mx-auto mb-8" />
        <main className="rounded-2xl border border-zinc-200 bg-white p-6 shadow-sm sm:p-8">{children}</main>
        <p className="mt-8 text-center text-xs text-zinc-500">Frontdesk — an AI receptionist for every call.</p>
      </div>
    </div>
  );
}
