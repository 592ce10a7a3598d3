import Link from "next/link";
import type { ReactNode } from "react";
import { ArrowRightIcon } from "@/components/ui/icons";

export function StatCard({
  label,
  value,
  detail,
  href,
  icon,
}: {
  label: string;
  value: number;
  detail?: ReactNode;
  href: string;
  icon: ReactNode;
}) {
  return (
    <Link
      href={href}
      className="focus-ring group flex flex-col rounded-xl border border-zinc-200 bg-white p-5 shadow-xs transition-colors hover:border-accent-200 hover:bg-accent-50/30"
    >
      <div className="flex items-center justify-between">
        <span className="flex items-center gap-2 text-sm font-medium text-zinc-600">
          <span className="text-zinc-400 group-hover:text-accent-600">{icon}</span>
          {label}
        </span>
        <ArrowRightIcon className="size-4 text-zinc-300 transition-transform group-hover:translate-x-0.5 group-hover:text-accent-500" />
      </div>
      <span className="mt-3 text-3xl font-semibold tracking-tight text-zinc-900 tabular-nums" data-testid={`count-${href.slice(1)}`}>
        {value}
      </span>
      {detail && <span className="mt-1 text-sm text-zinc-500">{detail}</span>}
    </Link>
  );
}
