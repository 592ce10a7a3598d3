"use client";
import type { Ref, TextareaHTMLAttributes } from "react";
import { cn } from "./cn";
import { useFieldControl } from "./field";
import { controlClasses, controlDefaults } from "./input";

type TextareaProps = TextareaHTMLAttributes<HTMLTextAreaElement> & { ref?: Ref<HTMLTextAreaElement> };

export function Textarea({ className, id, "aria-describedby": ariaDescribedBy, "aria-invalid": ariaInvalid, ...rest }: TextareaProps) {
  const a11y = useFieldControl({ id, "aria-describedby": ariaDescribedBy, "aria-invalid": ariaInvalid });
  return <textarea {...a11y} {...rest} className={cn(controlClasses, "py-2 leading-relaxed", controlDefaults(className), className)} />;
}
