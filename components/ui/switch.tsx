"use client";
// An on/off switch (role="switch"). Label it with <Field> or aria-label.
import { cn } from "./cn";
import { useFieldControl } from "./field";

type SwitchProps = {
  checked: boolean;
  onChange: (checked: boolean) => void;
  id?: string;
  disabled?: boolean;
  "aria-label"?: string;
  "aria-describedby"?: string;
  size?: "sm" | "md";
};

export function Switch({ checked, onChange, id, disabled, size = "md", ...aria }: SwitchProps) {
  const a11y = useFieldControl({ id, "aria-describedby": aria["aria-describedby"] });
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      aria-label={aria["aria-label"]}
      id={a11y.id}
      aria-describedby={a11y["aria-describedby"]}
      disabled={disabled}
      onClick={() => onChange(!checked)}
      className={cn(
        "focus-ring relative inline-flex shrink-0 cursor-pointer items-center rounded-full transition-colors disabled:cursor-not-allowed disabled:opacity-50",
        size === "md" ? "h-6 w-11" : "h-5 w-9",
        checked ? "bg-accent-600" : "bg-zinc-300",
      )}
    >
      <span
        aria-hidden="true"
        className={cn(
          "inline-block rounded-full bg-white shadow-sm ring-1 ring-black/5 transition-transform",
          size === "md" ? "size-5" : "size-4",
          checked ? (size === "md" ? "translate-x-5.5" : "translate-x-4.5") : "translate-x-0.5",
        )}
      />
    </button>
  );
}
