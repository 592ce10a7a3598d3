// The take-a-message form: name, message, callback number, one question at a time, then the number
// read back for a yes before the take_message tool is called. The form is plain data so the dialogue
// can rebuild it from history. After two misses on the name or the message the form goes on without
// it (saying so) rather than trapping the caller in a loop: the callback number is what matters most.
// A recogniser that only knows its phrases (the local one) cannot take a message down word for word at
// all: whatever the caller says when asked for it is the message, kept as where it was said in the call
// (the inbox plays it from the recording), with no "sorry, say that again".
import type { AudioRange, TakeMessageArgs } from "../../../conversation/types";
import { detectUrgency, detectYesNo } from "./intents";
import { wordsOf } from "./normalize";
import { formatCallbackNumber, MAX_PHONE_DIGITS, MIN_PHONE_DIGITS, parseSpokenDigits, readBackDigits, type SpokenNumber } from "./spoken-digits";

export type Awaiting = "name" | "message" | "number" | "confirm" | "saving" | "retry";

export interface MessageForm {
  name: string | null;
  message: string | null;
  number: SpokenNumber | null;
  /** Digits said so far when the caller paused mid-number ("five five five" … "one two three four"). */
  partialDigits: string;
  urgency: TakeMessageArgs["urgency"];
  awaiting: Awaiting;
  misses: number;
  /** Where the message was said, when it was kept as audio (a recogniser that cannot take it down). */
  audio: AudioRange | null;
}

export const UNKNOWN_NAME = "Unknown caller";
export const UNTRANSCRIBED_MESSAGE = "The caller left a message that could not be transcribed. Please call them back.";
export const SPOKEN_MESSAGE = "The caller left a spoken message: play it from the call recording.";

const NAME_LEAD = /\b(?:my name is|the name is|name is|this is|it is|i am|call me|you can call me)\s+(.+)$/;
// Words that end a name or show the "name" was something else ("it is urgent", "i am calling about").
const NOT_NAME = new Set(
  ("yes no not okay ok sure calling here fine good great well the a an about regarding from with and is just urgent sorry " +
    "hello hi hey please thanks thank you going looking wondering trying interested open closed message number name my it " +
    "that this what when where how why who speaking available busy there correct right wrong him her them me i we they he she " +
    "leave call to for in on at of so but or because need want would like can could will still again also really actually " +
    "zero oh one two three four five six seven eight nine double triple bye goodbye late early sick new back home ready done " +
    "afraid worried concerned unable unsure scared happy glad having getting running").split(" "),
);

const capitalize = (name: string) => name.replace(/(^|[\s'-])([a-z])/g, (_, sep: string, c: string) => sep + c.toUpperCase());

/** A name from "my name is X" / "this is X" / "it's X" / "i'm X", or, when `bare`, from an answer that is just a name. */
export function extractName(t: string, bare: boolean): string | null {
  const lead = NAME_LEAD.exec(t);
  const candidate = lead ? lead[1]! : bare ? t.replace(/^(yes|yeah|sure|okay|ok|it is|its)\s+/, "") : null;
  if (!candidate) return null;
  const words: string[] = [];
  for (const w of wordsOf(candidate)) {
    // "I'm running late", "it's regarding": an -ing word after the lead is a verb, not a first name.
    if (NOT_NAME.has(w) || !/^[a-z][a-z'-]*$/.test(w) || (words.length === 0 && /..ing$/.test(w))) break;
    words.push(w);
  }
  if (words.length === 0 || words.length > 3) return null;
  // A bare answer must be only the name: "i want to book" is not someone called "I".
  if (!lead && words.length !== wordsOf(candidate).length) return null;
  return capitalize(words.join(" "));
}

/** Digits given with a carrier ("my number is …", "call me back at …"), or any 7+ digit run. */
export function extractNumber(t: string): SpokenNumber | null {
  const carrier = /\b(?:number is|number it is|reach me (?:at|on)|call me (?:back )?(?:at|on)|phone is|cell is|my number|callback number)\b(.*)$/.exec(t);
  const n = parseSpokenDigits(wordsOf(carrier ? carrier[1]! : t));
  return n.digits.length >= MIN_PHONE_DIGITS && n.digits.length <= MAX_PHONE_DIGITS ? n : null;
}

const MESSAGE_CARRIER =
  /^\s*(?:(?:um+|uh+|yes|yeah|okay|ok|so|well|sure)[,.]?\s+)*(?:the message is|my message is|message is|(?:please |can you |could you |just )?tell (?:them|him|her|the \w+)(?: that)?|(?:please |can you |could you )?let (?:them|him|her) know(?: that)?|i wanted to say(?: that)?|i would like to say(?: that)?|i'd like to say(?: that)?)[,:]?\s+/i;

/** The message as the caller said it (original casing and punctuation), minus "tell them that…". */
export function extractMessage(original: string): string | null {
  const text = original.replace(MESSAGE_CARRIER, "").trim();
  if (!/[a-z0-9]/i.test(text)) return null;
  return text[0]!.toUpperCase() + text.slice(1);
}

export function startForm(t: string): MessageForm {
  return {
    name: extractName(t, false),
    message: null,
    number: extractNumber(t),
    partialDigits: "",
    urgency: detectUrgency(t) ?? "NORMAL",
    awaiting: "name",
    misses: 0,
    audio: null,
  };
}

export const readBack = (n: SpokenNumber) => `${n.plus ? "plus " : ""}${readBackDigits(n.digits)}`;

/** Sets `awaiting` to the first missing piece and returns the question for it. */
export function askNext(form: MessageForm): { form: MessageForm; text: string } {
  if (!form.name) return { form: { ...form, awaiting: "name" }, text: "May I have your name, please?" };
  if (!form.message) return { form: { ...form, awaiting: "message" }, text: "What message would you like me to pass on?" };
  if (!form.number) return { form: { ...form, awaiting: "number" }, text: "And what's the best number to reach you?" };
  return { form: { ...form, awaiting: "confirm" }, text: `I have ${readBack(form.number)} — is that right?` };
}

export function toolArgs(form: MessageForm): TakeMessageArgs {
  return {
    callerName: form.name ?? UNKNOWN_NAME,
    callbackNumber: form.number ? formatCallbackNumber(form.number) : "",
    message: form.message ?? UNTRANSCRIBED_MESSAGE,
    urgency: form.urgency,
    ...(form.audio && { messageAudio: form.audio }),
  };
}

/**
 * A spoken message goes on in a turn that starts this soon after it ended: the caller paused for
 * breath past the endpoint and talked on over "Got it, …" (someone answering the next question waits
 * for it to be asked, which alone takes longer than this).
 */
export const CONTINUATION_GAP_MS = 2500;

/**
 * `audio` (a turn with no digits or yes/no in it) as more of the spoken message just kept: the message
 * is kept up to its end and the question it interrupted asked again. null when it is not that.
 */
export function continueSpokenMessage(form: MessageForm, audio: AudioRange): FormOutcome | null {
  const kept = form.audio;
  if (!kept || form.partialDigits !== "" || (form.awaiting !== "number" && form.awaiting !== "confirm")) return null;
  const gap = audio.startMs - kept.endMs;
  if (gap < 0 || gap > CONTINUATION_GAP_MS) return null;
  const next = askNext({ ...form, misses: 0, audio: { startMs: kept.startMs, endMs: audio.endMs } });
  return { form: next.form, text: `Got it. ${next.text}` };
}

/**
 * The caller's answer to "what message would you like me to pass on?" through a recogniser that only
 * knows its phrases: kept as audio whatever it made of it (its closest phrase is a hint at most, and
 * asking again would only get the same words back). `heard` is what it made of the turn, if anything
 * (`t` normalised, `original` as recognised).
 */
export function spokenMessage(form: MessageForm, audio: AudioRange, heard: { t: string; original: string } | null): FormOutcome {
  const hint = heard ? ` It sounded like: "${heard.original.trim()}".` : "";
  const urgency = (heard && detectUrgency(heard.t)) || form.urgency;
  const next = askNext({ ...form, misses: 0, urgency, message: `${SPOKEN_MESSAGE}${hint}`, audio });
  return { form: next.form, text: `Got it, I've recorded your message. ${next.text}` };
}

export type FormOutcome = { form: MessageForm; text: string; submit?: boolean };

/** One caller turn while the form is open. `t` is normalised text, `original` what was said/typed. */
export function formTurn(form: MessageForm, u: { t: string; original: string; understood: boolean }): FormOutcome {
  if (!u.understood || u.t === "") return formMiss(form);
  const urgency = detectUrgency(u.t);
  const f: MessageForm = { ...form, misses: 0, urgency: urgency ?? form.urgency };
  switch (f.awaiting) {
    case "name": {
      const name = extractName(u.t, true);
      if (!name) return formMiss(form);
      const next = askNext({ ...f, name, number: f.number ?? extractNumber(u.t) });
      return { form: next.form, text: `Thanks, ${name}. ${next.text}` };
    }
    case "message": {
      const message = extractMessage(u.original);
      if (!message) return formMiss(form);
      const next = askNext({ ...f, message });
      return { form: next.form, text: `Got it. ${next.text}` };
    }
    case "number":
      return takeDigits(f, u.t);
    case "confirm":
    case "saving":
    case "retry": {
      const yn = detectYesNo(u.t);
      const fresh = extractNumber(u.t);
      if (fresh && fresh.digits !== f.number?.digits) return askNextAfter({ ...f, number: fresh }, "");
      if (yn?.answer === "yes") return { form: { ...f, awaiting: "saving" }, text: "", submit: true };
      if (yn?.answer === "no" && f.awaiting === "retry") return { form: f, text: "" }; // the dialogue closes the form
      if (yn?.answer === "no") return { form: { ...f, number: null, partialDigits: "", awaiting: "number" }, text: "Sorry about that. What's the best number to reach you?" };
      if (f.awaiting === "retry") return { form: f, text: "Shall I try saving your message again? Please say yes or no." };
      return { form: f, text: `Is ${readBack(f.number!)} the right number? Please say yes or no.` };
    }
  }
}

function askNextAfter(form: MessageForm, lead: string): FormOutcome {
  const next = askNext(form);
  return { form: next.form, text: `${lead}${next.text}` };
}

function takeDigits(f: MessageForm, t: string): FormOutcome {
  const said = parseSpokenDigits(wordsOf(t));
  const digits = f.partialDigits + said.digits;
  const plus = said.plus || (f.partialDigits === "" ? false : f.number?.plus === true);
  if (said.digits === "") return formMiss(f);
  if (digits.length > MAX_PHONE_DIGITS)
    return { form: { ...f, partialDigits: "" }, text: "Sorry, that seems too long for a phone number. Could you say it again, one digit at a time?" };
  if (digits.length < MIN_PHONE_DIGITS)
    return { form: { ...f, partialDigits: digits }, text: `Okay, ${readBackDigits(digits)}. And the rest?` };
  return askNextAfter({ ...f, partialDigits: "", number: { digits, plus } }, "");
}

function formMiss(form: MessageForm): FormOutcome {
  const f = { ...form, misses: form.misses + 1 };
  if (f.awaiting === "name") {
    if (f.misses >= 2) return askNextAfter({ ...f, misses: 0, name: UNKNOWN_NAME }, "I'm sorry, I couldn't catch your name, but that's okay. ");
    return { form: f, text: "Sorry, I didn't catch your name. Could you say it again?" };
  }
  if (f.awaiting === "message") {
    if (f.misses >= 2)
      return askNextAfter({ ...f, misses: 0, message: UNTRANSCRIBED_MESSAGE }, "I'm sorry, I couldn't make that out, so I'll ask them to call you back. ");
    return { form: f, text: "Sorry, I didn't catch that. What would you like me to pass on?" };
  }
  if (f.awaiting === "number") return { form: f, text: "Sorry, I didn't catch that. Could you say the number one digit at a time?" };
  if (f.awaiting === "retry") return { form: f, text: "Sorry, I didn't catch that. Shall I try saving your message again?" };
  return { form: f, text: `Sorry, I didn't catch that. Is ${readBack(f.number!)} the right number?` };
}

/** After a failed take_message call: which piece to ask for again, from the argument the tool refused. */
export function afterSaveFailure(form: MessageForm, refused: string | undefined): FormOutcome {
  if (refused === "callbackNumber") return askNextAfter({ ...form, number: null, partialDigits: "" }, "I'm sorry, I couldn't use that number. ");
  if (refused === "callerName") return askNextAfter({ ...form, name: null }, "I'm sorry, I need your name again. ");
  if (refused === "message") return askNextAfter({ ...form, message: null }, "I'm sorry, I need the message again. ");
  return { form: { ...form, awaiting: "retry" }, text: "I'm sorry, something went wrong while saving your message. Shall I try again?" };
}
