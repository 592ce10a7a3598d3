// The sentences callers of an agent are expected to say. The local recogniser builds its grammar from
// them (anything else comes back "not understood"), so they are written the way people talk on the
// phone, lower-case words only, numbers as words; digit runs after "my number is" come from the
// recogniser's own digit rule. The agent's services and FAQ questions are added, normalised the same
// way, and the list is capped (grammar size drives decoding cost): core intents first. Callers' names
// are in no grammar: a list of them mostly turned one name into another, with confidence.
// The agent's knowledge phrases (questions about its documents, rebuilt when its knowledge changes)
// come on top, with their own bound, so a large knowledge base cannot push intents out.
import { WEEKDAYS } from "../../../agents/options";
import type { AgentProfile } from "../types";

export const MAX_PHRASES = 400;
/** Knowledge phrases added beyond MAX_PHRASES (the vocabulary job keeps its list shorter than this). */
export const MAX_KNOWLEDGE_PHRASES = 300;

const CORE = [
  // greetings
  "hello", "hi", "hi there", "hey", "good morning", "good afternoon", "good evening", "hello how are you",
  // opening hours
  "what are your hours", "what are your opening hours", "what are your business hours", "what time do you open",
  "what time do you close", "when do you open", "when do you close", "how late are you open", "are you open",
  "are you open now", "are you open right now", "are you still open", "are you open today", "are you open tomorrow",
  "are you closed today", "what are your hours today", "what are your hours tomorrow", "what time do you open tomorrow",
  "what time do you close today", "are you open on the weekend", "are you open this weekend", "what are your weekend hours",
  "what time do you open on saturday", "are you open on holidays",
  // address
  "where are you located", "what's your address", "what is your address", "what's the address", "where is your office",
  "where are you", "how do i get there", "can i get directions", "where can i find you",
  // services
  "what services do you offer", "what do you do", "what do you offer", "what kind of services do you have",
  "what can you help me with", "tell me about your services", "how much does it cost", "what are your prices",
  // booking-style questions (answered from the FAQ or with a message)
  "i'd like to make an appointment", "i want to book an appointment", "can i make an appointment",
  "i need to cancel my appointment", "i need to reschedule my appointment", "i want to schedule an appointment",
  "do you have any openings", "can you fit me in", "do you work on the weekend",
  // messages
  "i'd like to leave a message", "i would like to leave a message", "can i leave a message", "can you take a message",
  "leave a message", "take a message", "please have someone call me back", "can someone call me back", "i need a call back",
  "it's urgent", "it's an emergency", "it's not urgent", "as soon as possible", "the message is",
  "please tell them to call me back", "my message is", "my number is", "my phone number is", "you can reach me at",
  "call me back at", "my name is", "this is",
  // a person
  "can i talk to a person", "can i speak to a person", "i want to talk to a human", "i'd like to speak to someone",
  "can i talk to someone", "talk to a human", "speak to a representative", "operator", "representative",
  "transfer me", "put me through to someone", "can i speak to the manager", "a real person please",
  // yes / no
  "yes", "yes please", "yeah", "yep", "sure", "correct", "that's right", "that's correct", "right", "okay",
  "no", "no thanks", "no thank you", "nope", "that's wrong", "that's not right", "not really",
  // thanks / goodbye / cancel
  "thank you", "thanks", "thank you bye", "thanks bye", "bye", "goodbye", "thank you goodbye", "that's all",
  "that's all thank you", "that's it", "no that's all", "no that's it thank you", "have a nice day",
  "never mind", "cancel", "forget it", "sorry", "can you repeat that",
];

const DAY_TEMPLATES = ["are you open on {d}", "what are your hours on {d}", "what time do you open on {d}", "what time do you close on {d}", "do you work on {d}", "{d}"];

const ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
  "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
const TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

/** 0-9999 as words ("twenty four", "one thousand five hundred"); longer runs digit by digit. */
export function numberToWords(digits: string): string {
  const n = Number(digits);
  if (digits.length > 4 || (digits.length > 1 && digits.startsWith("0"))) return digits.split("").map((d) => ONES[Number(d)]).join(" ");
  const words: string[] = [];
  let rest = n;
  if (rest >= 1000) {
    words.push(ONES[Math.floor(rest / 1000)]!, "thousand");
    rest %= 1000;
  }
  if (rest >= 100) {
    words.push(ONES[Math.floor(rest / 100)]!, "hundred");
    rest %= 100;
  }
  if (rest >= 20) {
    words.push(TENS[Math.floor(rest / 10)]!);
    rest %= 10;
    if (rest > 0) words.push(ONES[rest]!);
  } else if (rest > 0 || words.length === 0) words.push(ONES[rest]!);
  return words.join(" ");
}

/** A phrase as the grammar wants it: lower-case words and apostrophes, numbers spelled out. */
export function normalizePhrase(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/&/g, " and ")
    .replace(/%/g, " percent ")
    .replace(/\+/g, " plus ")
    .replace(/(\d),(?=\d{3}\b)/g, "$1")
    .replace(/\d+/g, (d) => ` ${numberToWords(d)} `)
    .replace(/[^a-z']+/g, " ")
    .split(" ")
    .map((w) => w.replace(/^'+|'+$/g, ""))
    .filter(Boolean)
    .join(" ");
}

export function expectedCallerPhrases(profile: AgentProfile): string[] {
  const days = WEEKDAYS.flatMap((d) => DAY_TEMPLATES.map((t) => t.replace("{d}", d)));
  const faq = profile.faq.map((f) => f.question);
  const services = profile.services.flatMap((s) => [`do you offer ${s}`, `i'm calling about ${s}`, `how much does ${s} cost`, s]);
  const out = new Set<string>();
  for (const phrase of [...CORE, ...days, ...faq, ...services]) {
    const p = normalizePhrase(phrase);
    if (p) out.add(p);
    if (out.size >= MAX_PHRASES) break;
  }
  const limit = out.size + MAX_KNOWLEDGE_PHRASES;
  for (const phrase of profile.knowledgePhrases) {
    if (out.size >= limit) break;
    const p = normalizePhrase(phrase);
    if (p) out.add(p);
  }
  return [...out];
}
