import Link from "next/link";
import { cn } from "@/components/ui/cn";

export function LogoMark({ className }: { className?: string }) {
  return (
    <span
      aria-hidden="true"
      className={cn("flex size-8 items-center justify-center rounded-lg bg-accent-600 text-white shadow-sm", className)}
    >
      <svg viewBox="0 0 24 24" className="size-4.5" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round">
        <path d="M4 14v-2a8 8 0 0 1 16 0v2" />
        <rect x="3" y="13" width="4" height="6" rx="1.5" />
        <rect x="17" y="13" width="4" height="6" rx="1.5" />
      </svg>
    </span>
  );
}

export function Logo({ href = "/", className }: { href?: string; className?: string }) {
  return (
    <Link href={href} className={cn("focus-ring flex items-center gap-2.5 rounded-lg", className)}>
      <LogoMark />
      <span className="text-[15px] font-semibold tracking-tight text-zinc-900">Frontdesk</span>
    </Link>
  );
}
