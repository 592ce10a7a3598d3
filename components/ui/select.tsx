"use client";
import type { Ref, SelectHTMLAttributes } from "react";
import { cn } from "./cn";
import { useFieldControl } from "./field";
import { ChevronDownIcon } from "./icons";
import { controlClasses } from "./input";

type SelectProps = SelectHTMLAttributes<HTMLSelectElement> & {
  ref?: Ref<HTMLSelectElement>;
  wrapperClassName?: string;
  /** 36px high instead of 40, for selects inside table rows. */
  compact?: boolean;
};

export function Select({
  className,
  wrapperClassName,
  compact = false,
  id,
  "aria-describedby": ariaDescribedBy,
  "aria-invalid": ariaInvalid,
  children,
  ...rest
}: SelectProps) {
  const a11y = useFieldControl({ id, "aria-describedby": ariaDescribedBy, "aria-invalid": ariaInvalid });
  return (
    <div className={cn("relative", wrapperClassName)}>
      <select {...a11y} {...rest} className={cn(controlClasses, compact ? "h-9" : "h-10", "w-full appearance-none truncate pr-9 pl-3", className)}>
        {children}
      </select>
      <ChevronDownIcon className="pointer-events-none absolute top-1/2 right-3 size-4 -translate-y-1/2 text-zinc-500" />
    </div>
  );
}
