import type { ReactNode } from "react";
import { cn } from "./cn";

export function EmptyState({
  icon,
  title,
  description,
  badge,
  action,
  children,
  className,
}: {
  icon?: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  badge?: ReactNode;
  action?: ReactNode;
  children?: ReactNode;
  className?: string;
}) {
  return (
    <div
      className={cn(
        "flex flex-col items-center rounded-xl border border-dashed border-zinc-300 bg-white px-6 py-12 text-center sm:py-16",
        className,
      )}
    >
      {icon && (
        <div className="mb-4 flex size-12 items-center justify-center rounded-full bg-accent-50 text-accent-600 ring-8 ring-accent-50/50">
          {icon}
        </div>
      )}
      {badge && <div className="mb-3">{badge}</div>}
      <h2 className="text-base font-semibold text-zinc-900">{title}</h2>
      {description && <div className="mt-2 max-w-md text-sm leading-relaxed text-zinc-600">{description}</div>}
      {children && <div className="mt-5 w-full max-w-md text-left">{children}</div>}
      {action && <div className="mt-6 flex flex-wrap justify-center gap-3">{action}</div>}
    </div>
  );
}
