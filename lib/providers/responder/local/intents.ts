// What a caller utterance asks for, read from normalised text (see normalize.ts). Patterns are
// deliberately about words, not sentences: the recogniser returns whichever grammar sentence it heard,
// and typed or vendor-transcribed text says the same things in many more ways.
import { WEEKDAYS, type Weekday } from "../../../agents/options";
import { faqTerms } from "../../../knowledge/faq-search";

export type HoursQuery =
  | { kind: "days"; days: Weekday[] } // "on saturday", "at the weekend"
  | { kind: "today" }
  | { kind: "tomorrow" }
  | { kind: "now" } // "are you open", "are you open now"
  | { kind: "closing" } // "when do you close (today)"
  | { kind: "opening" } // "what time do you open"
  | { kind: "week" } // "what are your hours"
  | { kind: "holiday"; name: string }; // "are you open on Christmas" (the agent's hours say nothing of holidays)

// "Schedule" as the noun ("what's your schedule"), not the verb ("schedule an appointment").
const HOURS_WORDS =
  /\b(open|opens|close|closes|closing|closed|hours|hour|what time|what times|how late|how early|until when|till when)\b|\b(your|the|office|opening|business|weekly|weekend) schedule\b/;
const CLOSING = /\b(close|closes|closing)\b|\bhow late\b|\buntil when\b|\btill when\b/;

// "Do you work on Sundays", "are you guys in tomorrow", "is anyone there on Saturday", "which days do
// you work": hours asked as whether someone is there. Only with a day, or "what/which days", so that
// "do you work with my insurance" or "is someone there who speaks Spanish" stay what they are.
const PRESENCE =
  /\b(do|are|will|is) (you|you guys|you all|y all|anyone|anybody|someone|somebody|the office|your office|the team) (work|working|in|there|around|available|staffed)\b/;
const DAY_NAMED = new RegExp(`\\b(${WEEKDAYS.join("|")})s?\\b|\\b(weekends?|today|tonight|tomorrow)\\b`);
const WHICH_DAYS = /\b(what|which) days\b/;

const HOLIDAYS: [RegExp, string][] = [
  [/\b(christmas|xmas)( eve| day)?\b/, "Christmas"],
  [/\bnew years?( eve| day)?\b/, "New Year's"],
  [/\bthanksgiving\b/, "Thanksgiving"],
  [/\beaster\b/, "Easter"],
  [/\bgood friday\b/, "Good Friday"],
  [/\bmemorial day\b/, "Memorial Day"],
  [/\blabou?r day\b/, "Labor Day"],
  [/\b(independence day|fourth of july|july fourth|july four)\b/, "the Fourth of July"],
  [/\b(martin luther king|mlk) day\b/, "Martin Luther King Day"],
  [/\b(presidents|veterans|columbus|boxing) day\b/, "that holiday"],
  [/\b(holidays?|bank holidays?|public holidays?)\b/, "holidays"],
];

export function detectHours(t: string): HoursQuery | null {
  const holiday = HOLIDAYS.find(([re]) => re.test(t));
  const asked = HOURS_WORDS.test(t) || (PRESENCE.test(t) && (holiday !== undefined || DAY_NAMED.test(t) || WHICH_DAYS.test(t)));
  if (!asked || /\bopenings?\b.*\b(for|job|position)\b/.test(t)) return null;
  if (holiday) return { kind: "holiday", name: holiday[1] };
  if (/\bweekends?\b/.test(t)) return { kind: "days", days: ["saturday", "sunday"] };
  const days = WEEKDAYS.filter((d) => new RegExp(`\\b${d}s?\\b`).test(t));
  if (days.length > 0) return { kind: "days", days };
  if (/\btomorrow\b/.test(t)) return { kind: "tomorrow" };
  if (/\b(now|right now|currently|at the moment|still open|open yet)\b/.test(t)) return { kind: "now" };
  const closing = CLOSING.test(t);
  if (/\b(today|tonight|this (morning|afternoon|evening))\b/.test(t)) return closing ? { kind: "closing" } : { kind: "today" };
  if (closing) return { kind: "closing" };
  if (/\b(what time|when|how early)\b.*\bopen\b|\bopening time\b/.test(t)) return { kind: "opening" };
  if (/\b(are|is) (you|the \w+|your \w+|it) (open|closed)\b|\bare you guys open\b/.test(t)) return { kind: "now" };
  return { kind: "week" };
}

export function detectAddress(t: string): boolean {
  return /\b(address|located|location|directions?|where are you|where you are|where is (the|your) \w+|where can i find you|find you|get there|get to you|how do i get|what street|which street|what city|what part of town|come in person)\b/.test(
    t,
  );
}

// Words about the business itself or about the when/where frame of a question. "What time does the
// office open tomorrow" names nothing else; "what time does the pharmacy open" and "where is the
// garage" name a topic the agent's documents may describe.
const SELF_OR_FRAME = new Set(
  faqTerms(
    "hour open close time schedule today tonight tomorrow now currently moment still yet late early morning afternoon " +
      `evening night week day weekday weekend holiday ${WEEKDAYS.join(" ")} address located location directions find ` +
      "street city town part way get there come person office business store shop clinic practice place building company " +
      "guys usually normally regular usual exactly work working available staffed anyone anybody someone somebody there",
  ),
);

/** Whether an hours or address question is about something other than the business itself. */
export function namesOtherTopic(original: string): boolean {
  return faqTerms(original).some((t) => !SELF_OR_FRAME.has(t));
}

export type ServicesQuery = { kind: "named"; service: string } | { kind: "list" } | { kind: "unknown_offer" };

/** A service of the agent's named in the utterance, a request for the list, or "do you do X" for an X we do not know. */
export function detectServices(t: string, services: readonly string[]): ServicesQuery | null {
  const said = new Set(faqTerms(t));
  let best: { service: string; terms: number } | null = null;
  for (const service of services) {
    const terms = [...new Set(faqTerms(service))];
    if (terms.length > 0 && terms.every((x) => said.has(x)) && (!best || terms.length > best.terms)) best = { service, terms: terms.length };
  }
  if (best) return { kind: "named", service: best.service };
  if (
    /\b(services?|what (do|can) you (do|offer|provide|sell|help with)|what you (do|offer)|what kind of (work|business|things)|what can you help me with|what do you guys do)\b/.test(
      t,
    )
  )
    return { kind: "list" };
  if (/\bdo you (guys )?(offer|do|provide|have|sell|handle|fix|repair|treat|carry|service|make|deal with|work on)\b/.test(t))
    return { kind: "unknown_offer" };
  return null;
}

export function detectMessageRequest(t: string): boolean {
  return /\b(leave|take|record|pass on|pass along|give|send|get) (a |an |the |my )?(quick |short |urgent )?message\b|\bvoice ?mail\b|\bmessage for\b|\b(call me back|callback|call back|have someone call|someone call me|get back to me|return my call)\b|^(a )?message( please)?$/.test(
    t,
  );
}

export function detectHuman(t: string): boolean {
  // "Any openings for a receptionist job": the word names a job, not someone to talk to.
  if (JOB.test(t)) return false;
  return (
    /\b(operator|representative|receptionist|human|real person|live person|live agent|pressed 0|pressed zero)\b/.test(t) ||
    /\b(talk|speak|transfer|connect|put me through|get me through|get me)\b.*\b(someone|somebody|person|human|operator|representative|receptionist|manager|staff|agent|anyone|anybody|owner|doctor|team|people)\b/.test(
      t,
    ) ||
    /\btransfer (me|my call|the call)\b/.test(t)
  );
}

export const detectGoodbye = (t: string): boolean =>
  /\b(bye|goodbye|good bye|that is all|that is it|that will be all|that is everything|nothing else|i am done|i am all set|have a (good|nice|great) (day|one|night|evening|weekend)|talk to you later|see you|hang up)\b/.test(t);

export const detectThanks = (t: string): boolean => /\b(thanks|thank you|thank u|appreciate it|cheers|much obliged)\b/.test(t);

export const detectGreeting = (t: string): boolean => /^(hi|hello|hey|hiya|howdy|good (morning|afternoon|evening))\b|\bhow are you\b/.test(t);

// "Cancel" alone or with what is being dropped ("cancel that", "cancel the message"); "I need to cancel
// my appointment" is something to pass on, not a cancel.
export const detectCancel = (t: string): boolean =>
  /\b(never mind|nevermind|forget (it|about it)|do not bother|no need|do not want to leave)\b|\bcancel( (it|that|this|the message|my message|please))?$/.test(t);

const APPOINTMENT_NOUN = /\b(appointments?|appt|bookings?|reservations?|consultations?|check ?ups?|slots?|openings?|availability)\b/;
const APPOINTMENT_VERB = /\b(book|schedule|reschedule|re schedule|cancel|move|change|make|set up|get in|come in|need|want|like|have|get|any)\b/;
// "Any openings for a receptionist", "are you hiring": about a job, not a visit.
const JOB = /\b(jobs?|positions?|hiring|vacanc(y|ies)|employment|apply|application|work for you|resume)\b/;

/** "I'm running late for my 3 o'clock", "I'll be late": about an appointment the caller has. */
export const detectLate = (t: string): boolean => /\b(running late|running behind|be late|going to be late|late for my)\b/.test(t);

/** "Can I book an appointment", "I need to reschedule my cleaning", "do you have any openings", "fit me in". */
export function detectAppointment(t: string): boolean {
  if (JOB.test(t)) return false;
  return (
    detectLate(t) ||
    (APPOINTMENT_NOUN.test(t) && APPOINTMENT_VERB.test(t)) ||
    /\b(book|schedule|reschedule) (me|myself|us|my|a|an|in|for)\b/.test(t) ||
    /\b(fit|squeeze|get) me in\b/.test(t)
  );
}

const YES = ["yes please", "yes", "yeah", "yep", "yup", "ya", "sure", "correct", "that is right", "that is correct", "that is it", "right",
  "exactly", "absolutely", "okay", "ok", "alright", "all right", "please do", "please", "sounds good", "go ahead", "of course",
  "affirmative", "uh huh", "mhm", "definitely", "perfect", "i would like that", "that would be great"];
const NO = ["no thank you", "no thanks", "no", "nope", "nah", "not really", "not right now", "not now", "that is wrong", "wrong",
  "incorrect", "that is not right", "that is not correct", "negative", "not quite", "i do not think so"];
const POLITE = /^(thank you|thanks|please|then)?$/;

/** A yes or no at the start of the utterance, and what follows it ("no it is five five five…"). */
export function detectYesNo(t: string): { answer: "yes" | "no"; rest: string } | null {
  const starts = (p: string) => t === p || t.startsWith(`${p} `);
  // Longest phrase first so "no thank you" is one answer and "that is not right" is a no, not a "that is" yes.
  const all = [...YES.map((p) => ({ p, answer: "yes" as const })), ...NO.map((p) => ({ p, answer: "no" as const }))].sort(
    (a, b) => b.p.length - a.p.length,
  );
  for (const { p, answer } of all) {
    if (!starts(p) || (p === "right" && t.startsWith("right now"))) continue;
    const rest = t.slice(p.length).trim();
    return { answer, rest: POLITE.test(rest) ? "" : rest };
  }
  return null;
}

export function detectUrgency(t: string): "LOW" | "HIGH" | null {
  if (/\b(no rush|not urgent|no hurry|whenever|not an emergency|not important|no emergency)\b/.test(t)) return "LOW";
  if (/\b(urgent|urgently|emergency|asap|a s a p|as soon as possible|right away|immediately|critical)\b/.test(t)) return "HIGH";
  return null;
}

export const isSilenceEvent = (t: string): boolean => /\b(silent|silence)\b/.test(t);
