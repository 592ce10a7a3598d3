// The local responder's dialogue as a pure reducer: step(state, item) → (state, reply). The responder
// folds the whole history through it, so a freshly created responder reaches the same state as the
// one that lived through the call, and the reply to the last item is the one spoken. Replies are
// built from the agent's configuration only; tool calls are requested exactly as a function-calling
// LLM would (text first, then the call), and the engine answers with tool_result items.
import { faqTerms } from "../../../knowledge/faq-search";
import type { AudioRange } from "../../../conversation/types";
import { HUMAN_REQUEST_EVENT, type ConversationItem, type RespondRequest, type ToolName, type ToolResult } from "../types";
import { addressAnswer, bestFaq, hoursAnswer, isGenericFaq, knowledgeAnswer, listPhrase, servicesAnswer } from "./answers";
import {
  detectAddress,
  detectAppointment,
  detectCancel,
  detectGoodbye,
  detectGreeting,
  detectHours,
  detectHuman,
  detectLate,
  detectMessageRequest,
  detectServices,
  detectThanks,
  detectUrgency,
  detectYesNo,
  isSilenceEvent,
  namesOtherTopic,
} from "./intents";
import { normalizeUtterance } from "./normalize";
import {
  afterSaveFailure,
  askNext,
  continueSpokenMessage,
  extractMessage,
  extractName,
  extractNumber,
  formTurn,
  readBack,
  spokenMessage,
  startForm,
  toolArgs,
  UNKNOWN_NAME,
  type FormOutcome,
  type MessageForm,
} from "./take-message";

/** A question the agent just asked that a bare yes/no answers. */
export type Pending = "offer_message" | "offer_transfer" | "offer_message_or_transfer" | "anything_else";

export interface DialogState {
  /** Consecutive caller turns the recogniser did not understand. */
  misses: number;
  pending: Pending | null;
  form: MessageForm | null;
  /** The caller's question a search_knowledge call was made for. */
  searchQuery: string | null;
  /** What to say if that search finds nothing confident (the business's own hours or address). */
  searchFallback: string | null;
}

export const initialState = (): DialogState => ({ misses: 0, pending: null, form: null, searchQuery: null, searchFallback: null });

export interface Reply {
  text: string;
  calls: { name: ToolName; args: Record<string, unknown> }[];
}

export type DialogContext = Pick<RespondRequest, "profile" | "mode" | "now" | "hearsNames"> & { offered: ReadonlySet<ToolName> };

type Step = { state: DialogState; reply: Reply | null };

const say = (text: string, calls: Reply["calls"] = []): Reply => ({ text, calls });
const ANYTHING_ELSE = "Is there anything else I can help you with?";

export function step(state: DialogState, item: ConversationItem, ctx: DialogContext): Step {
  switch (item.role) {
    case "caller":
      return stepCaller(state, item.text, item.understood, ctx, spokenRange(item));
    case "event":
      if (item.text === HUMAN_REQUEST_EVENT) return human({ ...state, pending: null }, ctx);
      if (isSilenceEvent(item.text)) return { state, reply: say(`Are you still there? ${helpHint(ctx)}`) };
      return { state, reply: null };
    case "tool_result":
      return onToolResult(state, item.name, item.result, ctx);
    case "agent":
    case "tool_call":
      return { state, reply: null };
  }
}

function miss(s: DialogState, ctx: DialogContext): Step {
  const misses = s.misses + 1;
  if (s.form) return formReply({ ...s, misses }, formTurn(s.form, { t: "", original: "", understood: false }));
  if (misses < 2) return { state: { ...s, misses }, reply: say(`Sorry, I didn't catch that. ${helpHint(ctx)}`) };
  const message = ctx.offered.has("take_message");
  const transfer = canTransfer(ctx);
  const lead = "I'm sorry, I'm still having trouble understanding.";
  if (message && transfer)
    return ask({ ...s, misses }, `${lead} Would you like to leave a message, or should I transfer you to someone?`, "offer_message_or_transfer");
  if (message) return ask({ ...s, misses }, `${lead} Would you like to leave a message so someone can call you back?`, "offer_message");
  if (transfer) return ask({ ...s, misses }, `${lead} Would you like me to transfer you to someone?`, "offer_transfer");
  return { state: { ...s, misses }, reply: say(`${lead} ${helpHint(ctx)}`) };
}

function helpHint(ctx: DialogContext): string {
  const topics = ["our opening hours"];
  if (ctx.profile.address) topics.push("our address");
  if (ctx.profile.services.length > 0) topics.push("our services");
  if (ctx.offered.has("take_message")) topics.push("taking a message");
  return `I can help with ${listPhrase(topics)}.`;
}

const canTransfer = (ctx: DialogContext) =>
  ctx.mode === "normal" && ctx.offered.has("transfer_call") && Boolean(ctx.profile.transferPhoneNumber);

const ask = (s: DialogState, text: string, pending: Pending): Step => ({ state: { ...s, pending }, reply: say(text) });

/** An answer, then the follow-up question that keeps the call moving (a message, after hours). */
function answer(s: DialogState, text: string, ctx: DialogContext): Step {
  if (ctx.mode === "after_hours_message" && ctx.offered.has("take_message")) return ask(s, `${text} Would you like to leave a message?`, "offer_message");
  return ask(s, `${text} ${ANYTHING_ELSE}`, "anything_else");
}

/** Every intent in priority order; null when nothing claimed the utterance. */
function route(s: DialogState, t: string, original: string, ctx: DialogContext, pending: Pending | null = null): Step | null {
  const { profile } = ctx;
  if (detectMessageRequest(t)) return startMessage(s, t, ctx);
  if (detectHuman(t) || (pending === "offer_message_or_transfer" && /\btransfer\b/.test(t))) return human(s, ctx);
  const appointmentAsk = detectAppointment(t);
  // "I'd like an appointment, when are you open": the booking is what the call is about; a named day or
  // "now" is still answered first.
  const hoursAsked = detectHours(t);
  const hoursQuery = appointmentAsk && hoursAsked?.kind === "week" ? null : hoursAsked;
  const addressQuery = detectAddress(t);
  const faq = bestFaq(profile.faq, original);
  if (faq?.confidence === "strong" && !((hoursQuery || addressQuery) && isGenericFaq(faq.match, faqTerms)))
    return answer(s, faq.match.entry.answer, ctx);
  // "When does the pharmacy open", "where is the garage": the agent's documents may say; the
  // business's own hours or address remain the answer when they do not.
  if ((hoursQuery || addressQuery) && ctx.offered.has("search_knowledge") && namesOtherTopic(original)) {
    const fallback = hoursQuery ? hoursAnswer(profile, hoursQuery, ctx.now, ctx.mode === "after_hours_message") : addressAnswer(profile);
    return search(s, original, fallback);
  }
  if (hoursQuery) return answer(s, hoursAnswer(profile, hoursQuery, ctx.now, ctx.mode === "after_hours_message"), ctx);
  if (addressQuery) {
    const address = addressAnswer(profile);
    return address ? answer(s, address, ctx) : notSure(s, ctx, "I'm sorry, I don't have our address on hand.");
  }
  // This line books nothing itself: the request becomes a message the team calls back about (an FAQ
  // that answers how to book came first, above).
  if (appointmentAsk) return appointment(s, t, original, ctx);
  const services = detectServices(t, profile.services);
  if (services?.kind === "named") return answer(s, `Yes, we offer ${services.service}.`, ctx);
  if (services?.kind === "list") {
    const list = servicesAnswer(profile);
    return list ? answer(s, list, ctx) : notSure(s, ctx, "I'm sorry, I don't have a list of our services on hand.");
  }
  if (services?.kind === "unknown_offer" && !faq) {
    if (ctx.offered.has("search_knowledge")) return unknown(s, original, ctx);
    const list = servicesAnswer(profile);
    return notSure(s, ctx, list ? `I'm not sure we offer that. ${list}` : undefined);
  }
  if (detectGoodbye(t)) return goodbye(s, ctx);
  if (faq) return answer(s, faq.match.entry.answer, ctx);
  const volunteered = volunteeredDetails(s, t, original, ctx, pending);
  if (volunteered) return volunteered;
  if (detectThanks(t)) return ask(s, `You're welcome! ${ANYTHING_ELSE}`, "anything_else");
  if (detectGreeting(t)) return { state: s, reply: say("Hello! How can I help you today?") };
  if (detectCancel(t)) return ask(s, `No problem. ${ANYTHING_ELSE}`, "anything_else");
  return null;
}

function onPending(s: DialogState, pending: Pending, t: string, original: string, ctx: DialogContext): Step | null {
  if (pending === "anything_else" && detectGoodbye(t)) return goodbye(s, ctx);
  const yn = detectYesNo(t);
  if (!yn) return null;
  // "no, what are your hours": the rest of the utterance wins when it asks for something.
  if (yn.rest) {
    const routed = route(s, yn.rest, original, ctx, pending);
    if (routed) return routed;
  }
  if (yn.answer === "no") return pending === "anything_else" ? goodbye(s, ctx) : ask(s, `Okay. ${ANYTHING_ELSE}`, "anything_else");
  if (pending === "anything_else") return { state: s, reply: say("Sure, what can I help you with?") };
  if (pending === "offer_transfer") return human(s, ctx);
  return startMessage(s, yn.rest, ctx);
}

// The pending question is cleared on every caller turn; inForm/route set a new one.
function routeWithPending(s: DialogState, pending: Pending | null, t: string, original: string, ctx: DialogContext): Step {
  return (pending && onPending(s, pending, t, original, ctx)) ?? route(s, t, original, ctx, pending) ?? unknown(s, original, ctx);
}

/** Where a spoken caller turn was said (typed turns have no range). */
function spokenRange(item: { startMs?: number; endMs?: number }): AudioRange | null {
  const { startMs, endMs } = item;
  return startMs !== undefined && endMs !== undefined && endMs > startMs ? { startMs, endMs } : null;
}

export function stepCaller(state: DialogState, text: string, understood: boolean, ctx: DialogContext, audio: AudioRange | null = null): Step {
  const t = normalizeUtterance(text);
  const pending = state.pending;
  const s: DialogState = { ...state, pending: null };
  // The message itself, through a recogniser that cannot take it down: kept as audio, understood or not;
  // and so is more of it said straight after, unless it holds what the next question asks for.
  if (s.form && ctx.hearsNames === false && audio) {
    if (s.form.awaiting === "message") return formReply({ ...s, misses: 0 }, spokenMessage(s.form, audio, understood && t !== "" ? { t, original: text } : null));
    const answers = understood && (DIGIT_WORD.test(t) || detectYesNo(t) !== null);
    const more = answers ? null : continueSpokenMessage(s.form, audio);
    if (more) return formReply({ ...s, misses: 0 }, more);
  }
  if (!understood || t === "") return miss(s, ctx);
  if (s.form) return inForm({ ...s, misses: 0 }, s.form, t, text, ctx);
  return routeWithPending({ ...s, misses: 0 }, pending, t, text, ctx);
}

function inForm(s: DialogState, form: MessageForm, t: string, original: string, ctx: DialogContext): Step {
  if (detectCancel(t)) return ask({ ...s, form: null }, `No problem, I won't take a message. ${ANYTHING_ELSE}`, "anything_else");
  if (detectHuman(t)) return human({ ...s, form: null }, ctx);
  if (form.awaiting !== "message" && detectGoodbye(t) && !detectYesNo(t)) return goodbye({ ...s, form: null }, ctx);
  if (form.awaiting === "retry" && detectYesNo(t)?.answer === "no")
    return ask({ ...s, form: null }, `I'm sorry about that. ${ANYTHING_ELSE}`, "anything_else");
  // A question asked while the form waits for a name or a number ("what's your schedule", "is there
  // parking") is answered, and the form's question asked again; it is not taken for a name. What the
  // form asked for comes first (a yes at the read-back, digits, an explicit name), and the message
  // itself may be anything, so nothing is read into it.
  const answersForm =
    (form.awaiting === "confirm" && detectYesNo(t) !== null) ||
    (form.awaiting !== "name" && DIGIT_WORD.test(t)) ||
    (form.awaiting === "name" && extractName(t, false) !== null);
  if ((form.awaiting === "name" || form.awaiting === "number" || form.awaiting === "confirm") && !answersForm) {
    const aside = asideAnswer(t, original, ctx) ?? (QUESTION.test(t) ? "I'm not sure about that, but the team can tell you when they call back." : null);
    if (aside) return { state: { ...s, form }, reply: say(`${aside} ${askNext({ ...form, partialDigits: "" }).text}`) };
  }
  return formReply(s, formTurn(form, { t, original, understood: true }));
}

// An utterance that asks something ("what is your email", "do you have a website", "is it far").
const QUESTION = /^(what|what is|whats|where|when|who|whose|which|why|how|do|does|did|is|are|can|could|will|would|should|have|has)\b/;
const DIGIT_WORD = /\b(zero|oh|one|two|three|four|five|six|seven|eight|nine|double|triple|\d)\b/;

/** The answer to a question the agent's configuration answers outright (hours, address, services, a confident FAQ). */
function asideAnswer(t: string, original: string, ctx: DialogContext): string | null {
  const { profile } = ctx;
  const faq = bestFaq(profile.faq, original);
  if (faq?.confidence === "strong") return faq.match.entry.answer;
  const hours = detectHours(t);
  if (hours) return hoursAnswer(profile, hours, ctx.now, ctx.mode === "after_hours_message");
  if (detectAddress(t)) return addressAnswer(profile);
  const services = detectServices(t, profile.services);
  if (services?.kind === "list") return servicesAnswer(profile);
  return null;
}

function formReply(s: DialogState, out: FormOutcome): Step {
  const state = { ...s, form: out.form };
  if (out.submit) return { state, reply: say("", [{ name: "take_message", args: { ...toolArgs(out.form) } }]) };
  return { state, reply: say(out.text) };
}

/**
 * Opens the message form with what `t` already holds (name, number, urgency) and, when given, the
 * message itself (an appointment request, an urgent matter). `lead` replaces "Sure, I can take a message."
 */
/** The caller's name to speak, if the form has a real one. */
const callerName = (form: { name: string | null }) => (form.name && form.name !== UNKNOWN_NAME ? form.name : null);

function startMessage(s: DialogState, t: string, ctx: DialogContext, opts: { message?: string | null; lead?: string } = {}): Step {
  if (!ctx.offered.has("take_message")) {
    if (canTransfer(ctx)) return ask(s, "I'm sorry, I can't take messages on this line. Would you like me to transfer you to someone?", "offer_transfer");
    return { state: s, reply: say(`I'm sorry, I can't take messages on this line. ${helpHint(ctx)}`) };
  }
  const form = startForm(t);
  // A recogniser that cannot take down a name would make the caller say it twice for nothing.
  if (!form.name && ctx.hearsNames === false) form.name = UNKNOWN_NAME;
  const next = askNext({ ...form, message: opts.message ?? null });
  const name = callerName(next.form);
  const lead = opts.lead ?? (name ? `Sure, ${name}, I can take a message.` : "Sure, I can take a message.");
  return { state: { ...s, form: next.form }, reply: say(`${lead} ${next.text}`) };
}

function appointment(s: DialogState, t: string, original: string, ctx: DialogContext): Step {
  const lead = "I can't book appointments on this line";
  if (!ctx.offered.has("take_message")) {
    if (canTransfer(ctx)) return ask(s, `${lead}. Would you like me to transfer you to someone who can?`, "offer_transfer");
    return { state: s, reply: say(`${lead}, I'm sorry. ${helpHint(ctx)}`) };
  }
  const passOn = detectLate(t) ? "Thanks for letting us know. I'll pass that on to the team." : `${lead}, but I'll pass your request on and the team will call you back to confirm.`;
  return startMessage(s, t, ctx, { message: extractMessage(original), lead: passOn });
}

/**
 * Details given with nothing else asked. An urgent matter or a callback number starts a message with
 * them (the urgent matter is the message); a name right after a message was offered starts one too, and
 * otherwise is an introduction ("Hi, this is Jordan").
 */
function volunteeredDetails(s: DialogState, t: string, original: string, ctx: DialogContext, pending: Pending | null): Step | null {
  if (!ctx.offered.has("take_message")) return null;
  const urgent = detectUrgency(t) === "HIGH";
  if (urgent || extractNumber(t)) {
    const lead = urgent ? "I'm sorry to hear that. I'll mark your message as urgent for the team." : "Thanks, I'll take a message for the team.";
    // "It's urgent" alone says how, not what: the form still asks for the message.
    const says = urgent && t.split(" ").length >= 4 ? extractMessage(original) : null;
    return startMessage(s, t, ctx, { message: says, lead });
  }
  const name = extractName(t, false);
  if (!name) return null;
  if (pending === "offer_message" || pending === "offer_message_or_transfer") return startMessage(s, t, ctx);
  return { state: s, reply: say(`Hi ${name}, how can I help you today?`) };
}

function human(s: DialogState, ctx: DialogContext): Step {
  const offerMessage = ctx.offered.has("take_message");
  if (ctx.mode === "after_hours_message") {
    const text = "I'm sorry, the office is closed right now, so no one is available to take your call.";
    return offerMessage ? ask(s, `${text} I can take a message and someone will get back to you. Would you like to leave a message?`, "offer_message") : { state: s, reply: say(`${text} Please call back during our opening hours.`) };
  }
  if (canTransfer(ctx))
    return { state: { ...s, form: null }, reply: say("Sure, let me transfer you now.", [{ name: "transfer_call", args: { reason: "The caller asked to speak to a person." } }]) };
  const text = "I'm sorry, there's no one available to take your call right now.";
  return offerMessage ? ask(s, `${text} I can take a message and someone will get back to you. Would you like to leave a message?`, "offer_message") : { state: s, reply: say(`${text} ${helpHint(ctx)}`) };
}

function goodbye(s: DialogState, ctx: DialogContext): Step {
  const text = `Thank you for calling ${ctx.profile.businessName}. Goodbye!`;
  return { state: { ...s, form: null, pending: null }, reply: say(text, ctx.offered.has("end_call") ? [{ name: "end_call", args: {} }] : []) };
}

function unknown(s: DialogState, original: string, ctx: DialogContext): Step {
  if (ctx.offered.has("search_knowledge")) return search(s, original, null);
  return notSure(s, ctx);
}

const search = (s: DialogState, query: string, fallback: string | null): Step => ({
  state: { ...s, searchQuery: query, searchFallback: fallback },
  reply: say("", [{ name: "search_knowledge", args: { query } }]),
});

/** Honest about not knowing, and a way forward: a message, a person, or what it can help with. */
function notSure(s: DialogState, ctx: DialogContext, lead = "I'm not sure about that."): Step {
  if (ctx.offered.has("take_message"))
    return ask(s, `${lead} I can take a message and someone will get back to you. Would you like to leave a message?`, "offer_message");
  if (canTransfer(ctx)) return ask(s, `${lead} Would you like me to transfer you to someone who can help?`, "offer_transfer");
  return { state: s, reply: say(`${lead} ${helpHint(ctx)}`) };
}

function onToolResult(s: DialogState, name: ToolName, result: ToolResult, ctx: DialogContext): Step {
  switch (name) {
    case "take_message": {
      const form = s.form;
      if (!form) return { state: s, reply: null };
      if (result.ok) {
        const name = callerName(form);
        const who = name ? `, ${name}` : "";
        const back = form.number ? ` at ${readBack(form.number)}` : "";
        return ask({ ...s, form: null }, `Thank you${who}. I'll make sure they get your message, and someone will call you back${back}. ${ANYTHING_ELSE}`, "anything_else");
      }
      return formReply(s, afterSaveFailure(form, result.field));
    }
    case "search_knowledge": {
      const query = s.searchQuery ?? "";
      const text = (result.ok ? knowledgeAnswer(result.data, query) : null) ?? s.searchFallback;
      const next = { ...s, searchQuery: null, searchFallback: null };
      return text ? answer(next, text, ctx) : notSure(next, ctx);
    }
    case "transfer_call":
      if (result.ok) return { state: s, reply: null };
      return notSure(s, ctx, "I'm sorry, I wasn't able to transfer your call.");
    case "end_call":
      return { state: s, reply: null };
  }
}
