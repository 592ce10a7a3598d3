// What "Play greeting" sends: the greeting as typed, cut to what the preview route takes. Client-safe.

export const PREVIEW_TEXT_MAX = 300;

/**
 * The greeting to preview, or undefined (the route then speaks its sample line) when there is none.
 * A greeting longer than the preview allows is cut at the last sentence end that fits, else at a word.
 */
export function previewTextFor(greeting: string, max = PREVIEW_TEXT_MAX): string | undefined {
  const text = greeting.replace(/\s+/g, " ").trim();
  if (!text) return undefined;
  if (text.length <= max) return text;
  const head = text.slice(0, max);
  const sentenceEnd = Math.max(head.lastIndexOf(". "), head.lastIndexOf("! "), head.lastIndexOf("? "));
  if (sentenceEnd > max / 3) return head.slice(0, sentenceEnd + 1);
  const space = head.lastIndexOf(" ");
  return (space > 0 ? head.slice(0, space) : head).trim();
}
