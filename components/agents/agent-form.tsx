"use client";
// Create or edit an agent. Validates with the API's schema before sending, sends only the changed
// fields on save, and shows the API's 422 errors next to the field they name.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { ApiError, errorMessage } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { buttonClasses } from "@/components/ui/button-classes";
import { cn } from "@/components/ui/cn";
import { LockIcon } from "@/components/ui/icons";
import { useToast } from "@/components/ui/toast";
import { useHydrated } from "@/components/ui/use-hydrated";
import { useLeaveGuard } from "@/components/ui/use-leave-guard";
import {
  changedFields,
  draftFromAgent,
  isShownField,
  newAgentDraft,
  normalizeErrorPath,
  toPayload,
  validateDraft,
  type AgentDraft,
  type FieldErrors,
} from "./agent-form-model";
import { useCreateAgent, useUpdateAgent } from "./queries";
import { BasicsSection } from "./sections/basics-section";
import { BusinessDetailsSection } from "./sections/business-details-section";
import { BusinessHoursSection } from "./sections/business-hours-section";
import { CallHandlingSection } from "./sections/call-handling-section";
import { ConversationSection } from "./sections/conversation-section";
import { ToolsSection } from "./sections/tools-section";
import type { SectionProps } from "./sections/types";
import { browserTimeZone } from "./timezone-select";
import type { Agent } from "./types";

type AgentFormProps =
  | { mode: "create"; businessName: string; readOnly?: false }
  | { mode: "edit"; agent: Agent; readOnly: boolean };

const SECTIONS = [
  { id: "basics", label: "Basics" },
  { id: "conversation", label: "Conversation" },
  { id: "business-details", label: "Business details" },
  { id: "business-hours", label: "Business hours" },
  { id: "call-handling", label: "Call handling" },
  { id: "tools", label: "Tools" },
];

export function AgentForm(props: AgentFormProps) {
  const router = useRouter();
  const toast = useToast();
  const formRef = useRef<HTMLFormElement>(null);
  const formErrorRef = useRef<HTMLDivElement>(null);
  const hydrated = useHydrated();
  const agent = props.mode === "edit" ? props.agent : null;
  const readOnly = props.readOnly === true;

  const [draft, setDraft] = useState<AgentDraft>(() =>
    props.mode === "edit" ? draftFromAgent(props.agent) : newAgentDraft(props.businessName),
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  // Created and on the way to its page: the form stays busy so it cannot be submitted twice.
  const [leaving, setLeaving] = useState(false);
  // A new agent's draft counts as worth keeping once someone has typed or chosen something in it.
  const [touched, setTouched] = useState(false);

  // The saved agent this draft started from. When the agent changes underneath (a refetch) and
  // nothing is being edited, follow it.
  const [syncedFrom, setSyncedFrom] = useState(agent);
  const baseline = agent ? toPayload(draftFromAgent(agent)) : null;
  if (agent && syncedFrom && agent !== syncedFrom) {
    const editing = Object.keys(changedFields(toPayload(draft), toPayload(draftFromAgent(syncedFrom)))).length > 0;
    setSyncedFrom(agent);
    if (!editing) setDraft(draftFromAgent(agent));
  }

  const create = useCreateAgent();
  const save = useUpdateAgent(agent?.id ?? "");
  const pending = create.isPending || save.isPending || leaving;

  const changes = baseline ? changedFields(toPayload(draft), baseline) : null;
  const dirty = changes ? Object.keys(changes).length > 0 : true;

  // Reloading or leaving while edits are unsaved, or while "Saving…" is still on its way, asks first.
  const unsaved = props.mode === "create" ? touched : dirty;
  useLeaveGuard(!readOnly && !leaving && (unsaved || create.isPending || save.isPending));

  // New agents start in the browser's time zone.
  useEffect(() => {
    if (props.mode !== "create") return;
    const zone = browserTimeZone();
    // Only the browser knows its zone, after hydration: the effect is the place, one extra render is the price.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (zone) setDraft((d) => (d.timezone === "UTC" ? { ...d, timezone: zone } : d));
  }, [props.mode]);

  // After a failed save, take the keyboard to the first field that needs attention.
  useEffect(() => {
    if (focusRequest === 0) return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (invalid) {
      invalid.focus();
      invalid.scrollIntoView({ block: "center", behavior: "smooth" });
    } else {
      formErrorRef.current?.focus();
    }
  }, [focusRequest]);

  const update: SectionProps["update"] = (key, value, errorPaths) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setTouched(true);
    const clear = errorPaths ?? [key];
    setErrors((current) => {
      if (!clear.some((path) => path in current)) return current;
      const next = { ...current };
      for (const path of clear) delete next[path];
      return next;
    });
  };

  const showErrors = (next: FieldErrors, message: string | null = null) => {
    setErrors(next);
    setFormError(message);
    setFocusRequest((n) => n + 1);
  };

  const onServerError = (error: unknown) => {
    if (error instanceof ApiError && error.field) {
      const path = normalizeErrorPath(error.field);
      if (isShownField(path)) return showErrors({ [path]: error.message });
    }
    if (error instanceof ApiError && error.status === 403) return showErrors({}, "Only admins can edit agents.");
    showErrors({}, errorMessage(error));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (readOnly || pending) return;
    const { payload, errors: found } = validateDraft(draft);
    const unshown = Object.entries(found).filter(([path]) => !isShownField(path));
    if (Object.keys(found).length > 0) {
      return showErrors(found, unshown.length ? unshown.map(([, m]) => m).join(" ") : null);
    }
    setFormError(null);

    if (props.mode === "create") {
      create.mutate(payload, {
        onSuccess: (created) => {
          setLeaving(true);
          toast({ title: "Agent created", description: `“${created.name}” is ready.` });
          router.push(`/agents/${created.id}`);
        },
        onError: onServerError,
      });
      return;
    }
    if (!baseline) return;
    const patch = changedFields(payload, baseline);
    if (Object.keys(patch).length === 0) return;
    save.mutate(patch, {
      onSuccess: (saved) => {
        setSyncedFrom(saved);
        setDraft(draftFromAgent(saved));
        setErrors({});
        toast({ title: "Changes saved" });
      },
      onError: onServerError,
    });
  };

  const discard = () => {
    if (!agent) return;
    setDraft(draftFromAgent(agent));
    setErrors({});
    setFormError(null);
  };

  const errorCount = Object.keys(errors).length;
  const sectionProps: SectionProps = { draft, errors, update, readOnly };

  return (
    <form
      ref={formRef}
      onSubmit={onSubmit}
      noValidate
      aria-label={props.mode === "create" ? "New agent" : "Agent settings"}
      aria-disabled={!hydrated || undefined}
    >
      <nav aria-label="Form sections" className="mb-4 -mx-1 flex gap-1 overflow-x-auto px-1 pb-1">
        {SECTIONS.map((s) => (
          <a
            key={s.id}
            href={`#${s.id}`}
            className="focus-ring rounded-full border border-zinc-200 bg-white px-3 py-1 text-sm whitespace-nowrap text-zinc-600 hover:border-zinc-300 hover:text-zinc-900"
          >
            {s.label}
          </a>
        ))}
      </nav>

      {readOnly && (
        <Alert tone="info" className="mb-4" title="View only">
          <span className="inline-flex items-center gap-1.5">
            <LockIcon className="size-3.5" /> Only admins can edit agents.
          </span>
        </Alert>
      )}

      {formError && (
        <div ref={formErrorRef} tabIndex={-1} className="mb-4 outline-none">
          <Alert title="The agent was not saved">{formError}</Alert>
        </div>
      )}

      <fieldset disabled={readOnly} className="min-w-0 space-y-6">
        <legend className="sr-only">{props.mode === "create" ? "New agent" : "Agent settings"}</legend>
        <BasicsSection {...sectionProps} />
        <ConversationSection {...sectionProps} />
        <BusinessDetailsSection {...sectionProps} />
        <BusinessHoursSection {...sectionProps} />
        <CallHandlingSection {...sectionProps} />
        <ToolsSection {...sectionProps} />
      </fieldset>

      {!readOnly && (
        <div className="sticky bottom-0 z-10 -mx-4 mt-6 border-t border-zinc-200 bg-white/90 px-4 py-3 backdrop-blur sm:-mx-6 sm:px-6 lg:-mx-8 lg:px-8">
          <div className="flex items-center justify-between gap-3">
            <p aria-live="polite" className={cn("min-w-0 text-xs leading-snug sm:text-sm", errorCount ? "text-red-700" : dirty ? "text-amber-700" : "text-zinc-500")}>
              {pending
                ? "Saving…"
                : errorCount
                  ? `${errorCount === 1 ? "1 field needs" : `${errorCount} fields need`} attention`
                  : props.mode === "create"
                    ? "Not created yet"
                    : dirty
                      ? "You have unsaved changes"
                      : "All changes saved"}
            </p>
            <div className="flex shrink-0 items-center gap-2">
              {props.mode === "create" ? (
                <>
                  <Link href="/agents" className={buttonClasses({ variant: "secondary" })}>
                    Cancel
                  </Link>
                  <Button type="submit" loading={create.isPending || leaving}>
                    Create agent
                  </Button>
                </>
              ) : (
                <>
                  {dirty && (
                    <Button variant="secondary" onClick={discard} disabled={save.isPending}>
                      Discard
                    </Button>
                  )}
                  <Button type="submit" loading={save.isPending} disabled={!dirty && !save.isPending}>
                    Save changes
                  </Button>
                </>
              )}
            </div>
          </div>
        </div>
      )}
    </form>
  );
}
