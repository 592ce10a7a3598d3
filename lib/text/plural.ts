// Counted nouns for messages shown to people: "1 phone number", "3 phone numbers", never "1 phone numbers".
// English only (the dashboard is English); the plural form is given when it is not singular + "s".

export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? singular : plural}`;
}
