import type { ReactNode } from "react";
import { cn } from "./cn";

type CardProps = {
  title?: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  /** Heading level of the title; cards on a page sit under its h1. */
  as?: "h2" | "h3";
  id?: string;
  className?: string;
  bodyClassName?: string;
  children?: ReactNode;
};

export function Card({ title, description, actions, as: Heading = "h2", id, className, bodyClassName, children }: CardProps) {
  const headingId = id ? `${id}-title` : undefined;
  return (
    <section
      id={id}
      aria-labelledby={title ? headingId : undefined}
      className={cn("rounded-xl border border-zinc-200 bg-white shadow-xs", className)}
    >
      {(title || actions) && (
        <div className="flex flex-wrap items-start justify-between gap-3 border-b border-zinc-100 px-5 py-4 sm:px-6">
          <div className="min-w-0">
            {title && (
              <Heading id={headingId} className="text-base font-semibold text-zinc-900">
                {title}
              </Heading>
            )}
            {description && <p className="mt-1 text-sm text-zinc-500">{description}</p>}
          </div>
          {actions && <div className="flex shrink-0 items-center gap-2">{actions}</div>}
        </div>
      )}
      {children !== undefined && <div className={cn("px-5 py-5 sm:px-6", bodyClassName)}>{children}</div>}
    </section>
  );
}
