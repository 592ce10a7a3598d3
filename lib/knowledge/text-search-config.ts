// Which PostgreSQL full-text configuration (stemmer + stop words) a language is indexed and queried
// with. Chunks store it per row (KnowledgeChunk.tsConfig), so a Spanish document stays searchable in
// Spanish next to English ones; a query is parsed with the agent's configuration.
//
// Only configurations present in pg_ts_config on BOTH PostgreSQL 15 and PGlite are listed
// (text-search-config.db.test.ts checks it on each): an unknown name would fail the ::regconfig cast.

/** ISO 639-1 language → configuration name. Norwegian Bokmål/Nynorsk share the Norwegian stemmer. */
const CONFIG_BY_LANGUAGE: Readonly<Record<string, string>> = {
  ar: "arabic",
  hy: "armenian",
  eu: "basque",
  ca: "catalan",
  da: "danish",
  nl: "dutch",
  en: "english",
  fi: "finnish",
  fr: "french",
  de: "german",
  el: "greek",
  hi: "hindi",
  hu: "hungarian",
  id: "indonesian",
  ga: "irish",
  it: "italian",
  lt: "lithuanian",
  ne: "nepali",
  nb: "norwegian",
  nn: "norwegian",
  no: "norwegian",
  pt: "portuguese",
  ro: "romanian",
  ru: "russian",
  sr: "serbian",
  es: "spanish",
  sv: "swedish",
  ta: "tamil",
  tr: "turkish",
  yi: "yiddish",
};

/** Every configuration tsConfigFor() may return. */
export const TS_CONFIGS: readonly string[] = [...new Set([...Object.values(CONFIG_BY_LANGUAGE), "simple"])];

/**
 * "en-US" → 'english', "es" → 'spanish', "pt_BR" → 'portuguese'; anything unknown → 'simple'
 * (lower-cased words, no stemming, no stop words: still finds exact words in any language).
 */
export function tsConfigFor(language: string): string {
  const primary = language.trim().toLowerCase().split(/[-_]/)[0] ?? "";
  return CONFIG_BY_LANGUAGE[primary] ?? "simple";
}
