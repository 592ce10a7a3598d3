// Counted nouns for messages shown to people: "1 phone number", "3 phone numbers", never "1 phone numbers".
// English only (the dashboard is English); the plural form is given when it is not singular + "s".

/** The plural of a noun: `plural` when given (an irregular one), else singular + "s". */
export function pluralOf(singular: string, plural?: string): string {
  return plural ?? `${singular}s`;
}

export function countOf(count: number, singular: string, plural?: string): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? singular : pluralOf(singular, plural)}`;
}
