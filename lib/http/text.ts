// The one zod primitive for strings that clients send. PostgreSQL cannot store NUL (U+0000) in text:
// unchecked, it turns a typo or a probe into a 500. Other control characters have no place in a name
// or a label either (multi-line fields keep tab, CR and LF), and a lone surrogate is not text at all.
// Client-safe: the dashboard's forms validate with the same schemas.
import { z } from "zod";

const CONTROL = /[\u0000-\u001f\u007f]/;
const CONTROL_EXCEPT_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function hasForbiddenCharacters(value: string, multiline = false): boolean {
  return (multiline ? CONTROL_EXCEPT_LINE_BREAKS : CONTROL).test(value) || LONE_SURROGATE.test(value);
}

type TextOptions = {
  /** What the field is called in messages ("Name"); messages are prefixed with the field path anyway. */
  label?: string;
  max: number;
  /** 1 or more makes the field required ("Name is required"). Default 0. */
  min?: number;
  /** Allow tab, CR and LF (prompts, greetings, messages). */
  multiline?: boolean;
  /** Trim surrounding whitespace before the length checks (default true; false for passwords). */
  trim?: boolean;
};

/** A string field: no NUL or other control characters, well-formed Unicode, trimmed, length-checked. */
export function text({ label = "This field", max, min = 0, multiline = false, trim = true }: TextOptions) {
  let schema = z
    .string()
    .refine((v) => !hasForbiddenCharacters(v, multiline), {
      message: `${label} must not contain control characters (such as NUL)`,
      abort: true,
    });
  if (trim) schema = schema.trim();
  if (min > 0) schema = schema.min(min, min === 1 ? `${label} is required` : `${label} must be at least ${min} characters`);
  return schema.max(max, `${label} must be at most ${max} characters`);
}

/** An id sent in a body (agentId): plain text here; whether it names a row of the tenant is the service's check. */
export const idText = (label = "Id") => text({ label, min: 1, max: 64 });
