import type { ReactNode } from "react";
import { cn } from "./cn";
import { AlertIcon, InfoIcon } from "./icons";

/** An inline message. tone="error" is announced (role="alert"); info is not. */
export function Alert({
  tone = "error",
  title,
  children,
  action,
  className,
}: {
  tone?: "error" | "info" | "warning";
  title?: ReactNode;
  children?: ReactNode;
  action?: ReactNode;
  className?: string;
}) {
  const styles = {
    error: "border-red-200 bg-red-50 text-red-800",
    warning: "border-amber-200 bg-amber-50 text-amber-900",
    info: "border-accent-100 bg-accent-50 text-accent-900",
  }[tone];
  const Icon = tone === "info" ? InfoIcon : AlertIcon;
  return (
    <div role={tone === "error" ? "alert" : undefined} className={cn("flex gap-3 rounded-lg border px-4 py-3 text-sm", styles, className)}>
      <Icon className="mt-0.5 size-4 shrink-0" />
      <div className="min-w-0 flex-1">
        {title && <p className="font-medium">{title}</p>}
        {children && <div className={cn(Boolean(title) && "mt-0.5", "opacity-90")}>{children}</div>}
      </div>
      {action && <div className="shrink-0">{action}</div>}
    </div>
  );
}
