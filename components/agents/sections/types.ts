import type { AgentDraft, FieldErrors } from "../agent-form-model";

export type SectionProps = {
  draft: AgentDraft;
  errors: FieldErrors;
  /** View only: the fieldset is disabled; controls that only add or remove things are hidden. */
  readOnly: boolean;
  update: <K extends keyof AgentDraft>(key: K, value: AgentDraft[K], errorPaths?: string[]) => void;
};
