"use client";
import Link, { useLinkStatus } from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";
import { ADMIN_NAV_ITEM, NAV_ITEMS, isActive, type NavItem } from "./nav-items";

function PendingDot() {
  const { pending } = useLinkStatus();
  return (
    <span
      aria-hidden="true"
      className={cn("ml-auto size-1.5 rounded-full bg-accent-500 transition-opacity", pending ? "animate-pulse opacity-100" : "opacity-0")}
    />
  );
}

function NavLink({ item, pathname, onNavigate }: { item: NavItem; pathname: string; onNavigate: () => void }) {
  const active = isActive(pathname, item.href);
  const Icon = item.icon;
  const Badge = item.badge;
  return (
    <li>
      <Link
        href={item.href}
        aria-current={active ? "page" : undefined}
        onClick={onNavigate}
        className={cn(
          "focus-ring group flex items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium transition-colors",
          active ? "bg-accent-50 text-accent-700" : "text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900",
        )}
      >
        <Icon className={cn("size-5 shrink-0", active ? "text-accent-600" : "text-zinc-400 group-hover:text-zinc-500")} />
        {item.label}
        <PendingDot />
        {Badge && <Badge />}
      </Link>
    </li>
  );
}

export function SidebarNav({
  showAdmin,
  showWorkspace = true,
  onNavigate,
}: {
  showAdmin: boolean;
  /** false for a super admin without a workspace: the dashboard pages would only send them back. */
  showWorkspace?: boolean;
  onNavigate: () => void;
}) {
  const pathname = usePathname();
  return (
    <div className="flex flex-col gap-6">
      {showWorkspace && (
        <ul className="flex flex-col gap-0.5">
          {NAV_ITEMS.map((item) => (
            <NavLink key={item.href} item={item} pathname={pathname} onNavigate={onNavigate} />
          ))}
        </ul>
      )}
      {showAdmin && (
        <div>
          <p className="px-3 pb-1.5 text-xs font-semibold tracking-wide text-zinc-400 uppercase">Platform</p>
          <ul>
            <NavLink item={ADMIN_NAV_ITEM} pathname={pathname} onNavigate={onNavigate} />
          </ul>
        </div>
      )}
    </div>
  );
}
