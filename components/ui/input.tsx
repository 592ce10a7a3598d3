"use client";
import type { InputHTMLAttributes, Ref } from "react";
import { cn } from "./cn";
import { useFieldControl } from "./field";

export const controlClasses =
  "focus-ring block rounded-lg border bg-white text-sm text-zinc-900 shadow-xs transition-colors placeholder:text-zinc-400 disabled:cursor-not-allowed disabled:bg-zinc-50 disabled:text-zinc-500 aria-[invalid=true]:border-red-500 aria-[invalid=true]:focus-visible:outline-red-500 border-zinc-300 hover:border-zinc-400 disabled:hover:border-zinc-300";

/**
 * Default width and padding, unless the caller sets its own: there is no class merging here, and two
 * utilities for the same property would win by stylesheet order, not by intent.
 */
export function controlDefaults(className: string | undefined): string {
  const c = className ?? "";
  return cn(!/(^|\s)(sm:|md:|lg:)?w-/.test(c) && "w-full", !/(^|\s)px-/.test(c) && "px-3");
}

type InputProps = InputHTMLAttributes<HTMLInputElement> & { ref?: Ref<HTMLInputElement> };

export function Input({ className, id, "aria-describedby": ariaDescribedBy, "aria-invalid": ariaInvalid, ...rest }: InputProps) {
  const a11y = useFieldControl({ id, "aria-describedby": ariaDescribedBy, "aria-invalid": ariaInvalid });
  return <input {...a11y} {...rest} className={cn(controlClasses, "h-10", controlDefaults(className), className)} />;
}
