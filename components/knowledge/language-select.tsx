"use client";
// The language a document is indexed in (its stemming and stop words). Left on "the agents' language" the
// server takes the first assigned agent's; a Spanish price list read by an English agent picks Spanish here.
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { LANGUAGES } from "@/lib/agents/options";

/** "" = the agents' language (the field is left out of the request). */
export function LanguageSelect({ id, value, onChange }: { id: string; value: string; onChange: (value: string) => void }) {
  return (
    <Field id={id} label="Document language" hint="Used to match questions to the text (word endings, common words).">
      <Select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">The agents&apos; language</option>
        {LANGUAGES.map((l) => (
          <option key={l.value} value={l.value}>
            {l.label}
          </option>
        ))}
      </Select>
    </Field>
  );
}
