// The words that make an agent's documents its own: frequent across its passages, yet not everyday
// English. These are the names of products, treatments and policies callers ask about by name.
import { GARBAGE_WORDS } from "../providers/speech/local/grammar";

// Everyday words (plus the recogniser's garbage vocabulary): frequent in any text, distinctive in none.
export const COMMON_WORDS: ReadonlySet<string> = new Set([
  ...GARBAGE_WORDS,
  ...("about above after again against all also always among an another any anyone anything are around as ask asked away be been before being below between both by came can't cannot case change check contact could did different do does doing done down during each early either else even ever every example few find first following from further general get gets give given going got had has having help her here hers him his however i'll i'm information into it's its keep kind last least less let made main many may maybe might more most must near needs never next none nor note now number of off often once one only or other others our ours over own part per place please possible provide provided questions rather really required same see seen several shall should since small some something sometimes soon still such sure than thank that's their theirs them then these things those through thus to today together under until upon us use used using usually via want was way we'll we're we've were what's whether which while whole whom whose will within without yes yet you'll you're yours overview introduction details detail section page contents table general more information other notes summary important please also two three four five six seven eight nine ten first second third " +
    "full takes take took taking make makes made give gives goes went come comes coming keep keeps left right best better great large little long short high low open close closed free extra real " +
    "minute minutes hour hours days week weeks month months year years morning evening night times date start end each every last next " +
    "able available based include includes including within without around usually always often sometimes normal normally simply just still already " +
    "thing things something someone anyone everyone people person customer customers guide welcome answers questions ask asks asked most often"
  ).split(" "),
]);

const MIN_LENGTH = 4;

/**
 * Words found in at least `minPassages` passages, most widespread first, at most `limit`. Counted per
 * passage (not per occurrence) so one long list does not outweigh the whole document.
 */
export function frequentTerms(passages: readonly string[], opts: { limit?: number; minPassages?: number } = {}): string[] {
  const limit = opts.limit ?? 40;
  const minPassages = opts.minPassages ?? 2;
  const counts = new Map<string, number>();
  for (const text of passages) {
    // Hyphenated and apostrophe words are left whole and skipped: "x-rays" must not count as "rays".
    const words = new Set(text.toLowerCase().match(/[a-z][a-z'-]*[a-z]/g) ?? []);
    for (const w of words) {
      if (w.length < MIN_LENGTH || COMMON_WORDS.has(w) || /['-]/.test(w)) continue;
      counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  }
  return [...counts]
    .filter(([, n]) => n >= minPassages)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([w]) => w);
}
