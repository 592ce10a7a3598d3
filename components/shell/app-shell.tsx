"use client";
// The signed-in frame: sidebar navigation (collapsible below md), top bar with workspace and account.
import { useRef, useState, type ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { useHydrated } from "@/components/ui/use-hydrated";
import { cn } from "@/components/ui/cn";
import { CloseIcon, MenuIcon } from "@/components/ui/icons";
import { PLAN_LABELS, ROLE_LABELS } from "./labels";
import { Logo } from "./logo";
import { SidebarNav } from "./sidebar-nav";
import { SignOutButton } from "./sign-out-button";
import { ViewerProvider, type Viewer } from "./viewer";
import { WorkspaceSwitcher } from "./workspace-switcher";

export function AppShell({ viewer, children }: { viewer: Viewer; children: ReactNode }) {
  const [navOpen, setNavOpen] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const hydrated = useHydrated();

  return (
    <ViewerProvider viewer={viewer}>
      <div className="min-h-dvh">
        <a
          href="#main"
          className="focus-ring sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium shadow focus:not-sr-only focus:fixed focus:top-3 focus:left-3"
        >
          Skip to content
        </a>

        <aside
          className="border-b border-zinc-200 bg-white md:fixed md:inset-y-0 md:left-0 md:z-30 md:flex md:w-64 md:flex-col md:border-r md:border-b-0"
          onKeyDown={(event) => {
            if (event.key === "Escape" && navOpen) {
              setNavOpen(false);
              toggleRef.current?.focus();
            }
          }}
        >
          <div className="flex h-14 items-center justify-between px-4 md:h-16 md:px-5">
            <Logo href={viewer.tenantName === null ? "/admin" : "/overview"} />
            <button
              ref={toggleRef}
              type="button"
              aria-expanded={navOpen}
              aria-disabled={!hydrated || undefined}
              aria-controls="app-nav"
              onClick={() => setNavOpen((open) => !open)}
              className="focus-ring -mr-1 inline-flex items-center gap-1.5 rounded-lg px-2.5 py-1.5 text-sm font-medium text-zinc-700 hover:bg-zinc-100 md:hidden"
            >
              {navOpen ? <CloseIcon className="size-5" /> : <MenuIcon className="size-5" />}
              Menu
            </button>
          </div>
          <nav
            id="app-nav"
            aria-label="Main"
            className={cn("border-t border-zinc-100 px-3 py-3 md:block md:flex-1 md:overflow-y-auto md:border-t-0 md:py-2", navOpen ? "block" : "hidden")}
          >
            <SidebarNav showAdmin={viewer.isSuperAdmin} showWorkspace={viewer.tenantName !== null} onNavigate={() => setNavOpen(false)} />
          </nav>
          {viewer.tenantName !== null && viewer.tenantPlan !== null && (
            <div className="hidden border-t border-zinc-100 px-5 py-4 md:block">
              <p className="truncate text-sm font-medium text-zinc-900">{viewer.tenantName}</p>
              <p className="mt-0.5 text-xs text-zinc-500">{PLAN_LABELS[viewer.tenantPlan]} plan</p>
            </div>
          )}
        </aside>

        <div className="md:pl-64">
          <header className="sticky top-0 z-20 border-b border-zinc-200 bg-white/85 backdrop-blur supports-[backdrop-filter]:bg-white/70">
            <div className="flex h-14 items-center justify-between gap-3 px-4 sm:px-6 md:h-16 lg:px-8">
              <div className="flex min-w-0 items-center gap-2">
                {viewer.tenantName !== null ? (
                  <WorkspaceSwitcher currentName={viewer.tenantName} />
                ) : (
                  <span className="truncate text-sm font-semibold text-zinc-900" title="Workspace">
                    Frontdesk platform
                  </span>
                )}
                {viewer.tenantPlan !== null && (
                  <span className="hidden sm:inline">
                    <Badge tone="neutral">{PLAN_LABELS[viewer.tenantPlan]}</Badge>
                  </span>
                )}
              </div>
              <div className="flex shrink-0 items-center gap-3">
                <div className="hidden min-w-0 text-right sm:block">
                  <p className="truncate text-sm font-medium text-zinc-900">{viewer.userName}</p>
                  <p className="truncate text-xs text-zinc-500">{viewer.userEmail}</p>
                </div>
                <div className="flex items-center gap-1.5">
                  {viewer.role !== null && <Badge tone={viewer.role === "ADMIN" ? "accent" : "neutral"}>{ROLE_LABELS[viewer.role]}</Badge>}
                  {viewer.isSuperAdmin && (
                    <span className="hidden lg:inline">
                      <Badge tone="warning">Super admin</Badge>
                    </span>
                  )}
                </div>
                <SignOutButton />
              </div>
            </div>
          </header>
          <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl px-4 py-6 outline-none sm:px-6 sm:py-8 lg:px-8">
            {children}
          </main>
        </div>
      </div>
    </ViewerProvider>
  );
}
