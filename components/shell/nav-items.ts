import type { ComponentType, SVGProps } from "react";
import { MessagesNavBadge } from "@/components/messages/nav-badge";
import { AgentIcon, BookIcon, CallLogIcon, ChartIcon, HomeIcon, InboxIcon, PhoneIcon, SettingsIcon, ShieldIcon } from "@/components/ui/icons";

export type NavItem = {
  href: string;
  label: string;
  icon: ComponentType<SVGProps<SVGSVGElement>>;
  /** A count beside the label (it names itself for screen readers). */
  badge?: ComponentType;
};

export const NAV_ITEMS: NavItem[] = [
  { href: "/overview", label: "Overview", icon: HomeIcon },
  { href: "/agents", label: "Agents", icon: AgentIcon },
  { href: "/phone-numbers", label: "Phone numbers", icon: PhoneIcon },
  { href: "/knowledge", label: "Knowledge", icon: BookIcon },
  { href: "/calls", label: "Calls", icon: CallLogIcon },
  { href: "/messages", label: "Messages", icon: InboxIcon, badge: MessagesNavBadge },
  { href: "/analytics", label: "Analytics", icon: ChartIcon },
  { href: "/settings", label: "Settings", icon: SettingsIcon },
];

export const ADMIN_NAV_ITEM: NavItem = { href: "/admin", label: "Admin", icon: ShieldIcon };

export function isActive(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}
