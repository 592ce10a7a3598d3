"use client";
// A labelled form field. Inputs inside pick up their id, aria-invalid and aria-describedby from here,
// so every control has a label, and its hint and error are announced with it.
import { createContext, useContext, type ReactNode } from "react";
import { cn } from "./cn";

type FieldContextValue = { id: string; describedBy?: string; invalid: boolean };

const FieldContext = createContext<FieldContextValue | null>(null);

export function useFieldControl(props: {
  id?: string;
  "aria-describedby"?: string;
  "aria-invalid"?: boolean | "true" | "false" | "grammar" | "spelling";
}) {
  const field = useContext(FieldContext);
  const describedBy = [field?.describedBy, props["aria-describedby"]].filter(Boolean).join(" ") || undefined;
  const invalid = (props["aria-invalid"] !== undefined && props["aria-invalid"] !== false && props["aria-invalid"] !== "false") || field?.invalid === true;
  return {
    id: props.id ?? field?.id,
    "aria-describedby": describedBy,
    "aria-invalid": invalid || undefined,
  };
}

export const errorId = (id: string) => `${id}-error`;
export const hintId = (id: string) => `${id}-hint`;

export function FieldError({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} role="alert" className="mt-1.5 text-sm text-red-700">
      {children}
    </p>
  );
}

type FieldProps = {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  /** Shown after the label, e.g. a character count. */
  aside?: ReactNode;
  optional?: boolean;
  className?: string;
  children: ReactNode;
};

export function Field({ id, label, hint, error, aside, optional, className, children }: FieldProps) {
  const describedBy = [hint ? hintId(id) : null, error ? errorId(id) : null].filter(Boolean).join(" ") || undefined;
  return (
    <FieldContext value={{ id, describedBy, invalid: Boolean(error) }}>
      <div className={cn("min-w-0", className)}>
        <div className="mb-1.5 flex items-baseline justify-between gap-3">
          <label htmlFor={id} className="text-sm font-medium text-zinc-800">
            {label}
            {optional && <span className="font-normal text-zinc-500"> (optional)</span>}
          </label>
          {aside}
        </div>
        {children}
        {hint && (
          <p id={hintId(id)} className="mt-1.5 text-sm text-zinc-500">
            {hint}
          </p>
        )}
        {error && <FieldError id={errorId(id)}>{error}</FieldError>}
      </div>
    </FieldContext>
  );
}
