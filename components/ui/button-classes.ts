// Button looks, shared by <Button> (client) and links styled as buttons (server or client).
import { cn } from "./cn";

export type ButtonVariant = "primary" | "secondary" | "ghost" | "accent-ghost" | "danger" | "danger-secondary";
export type ButtonSize = "sm" | "md" | "lg";

const base =
  "focus-ring inline-flex shrink-0 items-center justify-center gap-2 rounded-lg font-medium whitespace-nowrap transition-colors select-none disabled:cursor-not-allowed disabled:opacity-50 aria-disabled:cursor-progress";

const variants: Record<ButtonVariant, string> = {
  primary: "bg-accent-600 text-white shadow-sm hover:bg-accent-700 active:bg-accent-800",
  secondary: "border border-zinc-300 bg-white text-zinc-800 shadow-xs hover:bg-zinc-50 active:bg-zinc-100",
  ghost: "text-zinc-700 hover:bg-zinc-100 active:bg-zinc-200",
  "accent-ghost": "text-accent-700 hover:bg-accent-50 hover:text-accent-800 active:bg-accent-100",
  danger: "bg-red-600 text-white shadow-sm hover:bg-red-700 active:bg-red-800",
  "danger-secondary": "border border-zinc-300 bg-white text-red-700 shadow-xs hover:border-red-200 hover:bg-red-50 hover:text-red-800 active:bg-red-100",
};

const sizes: Record<ButtonSize, string> = {
  sm: "h-8 px-3 text-sm",
  md: "h-10 px-4 text-sm",
  lg: "h-11 px-6 text-base",
};

/** Button classes, for links that look like buttons. */
export function buttonClasses({
  variant = "primary",
  size = "md",
  className,
}: { variant?: ButtonVariant; size?: ButtonSize; className?: string } = {}): string {
  return cn(base, variants[variant], sizes[size], className);
}
