// Reads the TwiML the voice webhook answered, as Twilio would act on it: a <Connect><Stream> (with its
// <Parameter>s) opens a media stream; <Say> … <Hangup/> is a refusal to print; <Say> … <Dial> hands the
// call to another number. Only what Frontdesk answers is understood; anything else is reported as
// unsupported rather than guessed at. TwiML is flat and attribute-only, so a tokenizer is enough.
import { SimError } from "./errors";

export type TwimlAnswer =
  | { kind: "stream"; url: string; parameters: Record<string, string>; say: string[] }
  | { kind: "hangup"; say: string[] }
  | { kind: "dial"; say: string[]; number: string };

interface Tag {
  name: string;
  attrs: Record<string, string>;
  closing: boolean;
  selfClosing: boolean;
}
type Token = { tag: Tag } | { text: string };

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function decodeXmlText(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (whole, e: string) => {
    if (e.startsWith("#x")) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith("#")) return String.fromCodePoint(Number(e.slice(1)));
    return ENTITIES[e] ?? whole;
  });
}

function tokenize(xml: string): Token[] {
  const body = xml.replace(/<\?xml[^>]*\?>/, "").replace(/<!--[\s\S]*?-->/g, "");
  const tokens: Token[] = [];
  const re = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)|(<)/g;
  for (const m of body.matchAll(re)) {
    if (m[6]) throw new SimError("WEBHOOK_FAILED", `the voice webhook answered malformed TwiML near "${body.slice(m.index, m.index + 40)}"`);
    if (m[5] !== undefined) {
      const text = decodeXmlText(m[5]).trim();
      if (text) tokens.push({ text });
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of m[3]!.matchAll(/([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs[a[1]!] = decodeXmlText(a[2] ?? a[3] ?? "");
    tokens.push({ tag: { name: m[2]!, attrs, closing: m[1] === "/", selfClosing: m[4] === "/" } });
  }
  return tokens;
}

/** The webhook's TwiML → what the simulated phone does next. Throws WEBHOOK_FAILED when it is not TwiML we act on. */
export function parseTwimlAnswer(xml: string): TwimlAnswer {
  const tokens = tokenize(xml);
  const first = tokens[0];
  if (!first || !("tag" in first) || first.tag.name !== "Response") {
    throw new SimError("WEBHOOK_FAILED", "the voice webhook did not answer a TwiML <Response>");
  }
  const say: string[] = [];
  let stream: { url: string; parameters: Record<string, string> } | undefined;
  let dial: string | undefined;
  let hangup = false;
  const open: string[] = first.tag.selfClosing ? [] : ["Response"];
  let text = "";
  for (const t of tokens.slice(1)) {
    if ("text" in t) {
      text += (text ? " " : "") + t.text;
      continue;
    }
    const { name, attrs, closing, selfClosing } = t.tag;
    if (closing) {
      const top = open.pop();
      if (top !== name) throw new SimError("WEBHOOK_FAILED", `malformed TwiML: </${name}> closes <${top ?? "nothing"}>`);
      if (name === "Say" && text) say.push(text);
      if (name === "Dial") dial = (dial ?? "") + text;
      text = "";
      continue;
    }
    // Verbs that come after a <Connect> or <Hangup> never run on a real call: stop where Twilio would.
    if (hangup || (stream && !open.includes("Connect"))) break;
    if (open.length === 0) throw new SimError("WEBHOOK_FAILED", `malformed TwiML: <${name}> after </Response>`);
    if (name === "Stream") {
      if (open.at(-1) !== "Connect") throw new SimError("UNSUPPORTED", "a <Stream> outside <Connect> (a one-way stream) is not what Frontdesk answers");
      if (!attrs.url) throw new SimError("WEBHOOK_FAILED", "the TwiML <Stream> has no url");
      stream = { url: attrs.url, parameters: {} };
    } else if (name === "Parameter" && open.at(-1) === "Stream" && stream) {
      if (attrs.name === undefined) throw new SimError("WEBHOOK_FAILED", "a TwiML <Parameter> has no name");
      stream.parameters[attrs.name] = attrs.value ?? "";
    } else if (name === "Hangup") {
      hangup = true;
    } else if (!["Say", "Connect", "Dial", "Number"].includes(name)) {
      throw new SimError("UNSUPPORTED", `the simulator does not act on the TwiML verb <${name}>`);
    }
    if (!selfClosing) {
      open.push(name);
      text = "";
    }
  }
  if (stream) return { kind: "stream", url: stream.url, parameters: stream.parameters, say };
  if (dial !== undefined && dial.trim()) return { kind: "dial", say, number: dial.trim() };
  // <Say> alone, or nothing, ends the call just as <Hangup/> does: Twilio hangs up when TwiML runs out.
  return { kind: "hangup", say };
}
