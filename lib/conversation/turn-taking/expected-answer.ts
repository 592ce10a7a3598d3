// What the caller is likely to answer, judged from what the agent has said in its reply so far: a
// number when the agent asked for one ("what's the best number to reach you?") or read one back for
// the caller to confirm or correct ("I have five five five one two three four, is that right?"), else
// anything. A recogniser that decodes against a grammar narrows it with this (SttStream.expectAnswer):
// a bare digit run is then allowed only where a caller would say one, and short answers elsewhere
// are no longer heard as digits ("no" as "two oh"). Wrong either way costs little: "number" is the
// wider grammar, and in "open" a number introduced as one ("my number is …") still comes through.
import type { AnswerKind } from "../../providers/speech/types";

const ASKS_FOR_NUMBER = /\b(?:numbers?|phone|digits?|extension|zip ?code|post ?code|reach you|call you back|callback)\b/i;
const SPOKEN_DIGIT = "(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|double)";
// Three spoken digits in a row: a number read back ("five five five"), not "nine to five".
const SPOKEN_RUN = new RegExp(`\\b${SPOKEN_DIGIT}(?:[\\s,.-]+${SPOKEN_DIGIT}){2,}\\b`, "i");
// Three digits written one at a time ("5 5 5, 1 2 3 4", as the local responder reads a number back).
const SPACED_RUN = /(?:^|[^\d])\d(?:[\s,.-]+\d(?!\d)){2,}/;
// Five written digits or more, with the usual separators: a phone number, not a price or a time.
const WRITTEN_RUN = /\d(?:[\s().-]*\d){4,}/;

export function expectedAnswer(agentText: string): AnswerKind {
  const number = ASKS_FOR_NUMBER.test(agentText) || SPOKEN_RUN.test(agentText) || SPACED_RUN.test(agentText) || WRITTEN_RUN.test(agentText);
  return number ? "number" : "open";
}
