// What the caller is likely to answer, judged from what the agent has said in its reply so far: a
// number when the agent asked for one ("what's the best number to reach you?") or read one back for
// the caller to confirm or correct ("I have five five five one two three four, is that right?"), else
// anything. A recogniser that decodes against a grammar narrows it with this (SttStream.expectAnswer):
// a bare digit run is then allowed only where a caller would say one, and short answers elsewhere are
// no longer heard as digits ("no" as "two oh"). A wrong guess costs little: both grammars keep all the
// agent's phrases, and a number introduced as one ("my number is …") comes through in either.
//
// The reply's last sentence that asks something decides: "Okay, five five five. And the rest?" asks
// for the number (the last question is a bare "and the rest?"); "Someone will call you back at five
// five five, one two three four. Is there anything else I can help you with?" asks for anything.
import type { AnswerKind } from "../../providers/speech/types";

const ASKS_FOR_NUMBER = /\b(?:numbers?|phone|digits?|extension|zip ?code|post ?code|reach you|call you back|callback)\b/i;
const SPOKEN_DIGIT = "(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|double)";
// Three spoken digits in a row: a number read back ("five five five"), not "nine to five".
const SPOKEN_RUN = new RegExp(`\\b${SPOKEN_DIGIT}(?:[\\s,.-]+${SPOKEN_DIGIT}){2,}\\b`, "i");
// Three digits written one at a time ("5 5 5, 1 2 3 4", as the local responder reads a number back).
const SPACED_RUN = /(?:^|[^\d])\d(?:[\s,.-]+\d(?!\d)){2,}/;
// Five written digits or more, with the usual separators: a phone number, not a price or a time.
const WRITTEN_RUN = /\d(?:[\s().-]*\d){4,}/;
// A question that asks for nothing new: the sentence before it says what is wanted.
const BARE_FOLLOW_UP = /\b(?:again|repeat(?: that| it)?|the rest|is that (?:right|correct)|please)\?*$/i;

const asksForNumber = (sentence: string) =>
  ASKS_FOR_NUMBER.test(sentence) || SPOKEN_RUN.test(sentence) || SPACED_RUN.test(sentence) || WRITTEN_RUN.test(sentence);

export function expectedAnswer(agentText: string): AnswerKind {
  const sentences = agentText.split(/(?<=[.!?])\s+/).filter((s) => s.trim());
  for (let i = sentences.length - 1; i >= 0; i--) {
    const sentence = sentences[i]!.trim();
    if (asksForNumber(sentence)) return "number";
    // A question about something else ends the search: the caller answers that.
    if (sentence.endsWith("?") && !BARE_FOLLOW_UP.test(sentence)) return "open";
  }
  return "open";
}
