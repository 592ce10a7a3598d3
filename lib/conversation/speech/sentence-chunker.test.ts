// The chunker decides where TTS may start speaking: every rule, and that streaming token by token
// cuts exactly where the whole string does.
import { describe, expect, it } from "vitest";
import { chunkText, SentenceChunker } from "./sentence-chunker";

/** Streams `text` in pieces cut at the given sizes (cycled), collecting every chunk. */
function streamed(text: string, sizes: number[], opts?: ConstructorParameters<typeof SentenceChunker>[0]): string[] {
  const chunker = new SentenceChunker(opts);
  const out: string[] = [];
  for (let at = 0, n = 0; at < text.length; n++) {
    const size = sizes[n % sizes.length] ?? 1;
    out.push(...chunker.push(text.slice(at, at + size)));
    at += size;
  }
  return [...out, ...chunker.flush()];
}

describe("sentence ends", () => {
  it("cuts after . ! ? followed by whitespace, and keeps the last sentence for flush", () => {
    const c = new SentenceChunker();
    expect(c.push("Hello there. How can I help? Great!")).toEqual(["Hello there.", "How can I help?"]);
    expect(c.flush()).toEqual(["Great!"]);
  });

  it("emits a sentence as soon as the next word shows it was an end", () => {
    const c = new SentenceChunker();
    expect(c.push("Sure.")).toEqual([]);
    expect(c.push(" ")).toEqual([]);
    expect(c.push("Let")).toEqual(["Sure."]);
    expect(c.push(" me check? ")).toEqual(["Let me check?"]);
  });

  it("keeps runs of terminators and closing quotes with their sentence", () => {
    expect(chunkText('Really?! Yes. He said "we open at nine." Then he left.')).toEqual([
      "Really?!",
      "Yes.",
      'He said "we open at nine."',
      "Then he left.",
    ]);
  });

  it("cuts after CJK sentence ends without needing whitespace", () => {
    expect(chunkText("你好。我们周六营业！请问有什么可以帮您？好的")).toEqual(["你好。", "我们周六营业！", "请问有什么可以帮您？", "好的"]);
    expect(chunkText("「はい。」次です。")).toEqual(["「はい。」", "次です。"]);
  });
});

describe("not a boundary", () => {
  it.each([
    ["The fee is 3.5 percent. Okay.", ["The fee is 3.5 percent.", "Okay."]],
    ["It costs $1,200 per year. Okay.", ["It costs $1,200 per year.", "Okay."]],
    ["We open at 10:30 tomorrow. Okay.", ["We open at 10:30 tomorrow.", "Okay."]],
    ["Dr. Smith and Mr. Jones are in. Okay.", ["Dr. Smith and Mr. Jones are in.", "Okay."]],
    ["Bring an ID, e.g. a passport. Okay.", ["Bring an ID, e.g. a passport.", "Okay."]],
    ["We open at 9 a.m. on weekdays. Okay.", ["We open at 9 a.m. on weekdays.", "Okay."]],
    ["We close at 5 p.m. Call back then.", ["We close at 5 p.m.", "Call back then."]],
    ["We are on Main St. near the park. Okay.", ["We are on Main St. near the park.", "Okay."]],
    ["Visit https://example.com/a?b=1 or mail help@example.co.uk today. Okay.", ["Visit https://example.com/a?b=1 or mail help@example.co.uk today.", "Okay."]],
    ["Well... I think so. Okay.", ["Well... I think so.", "Okay."]],
    ["Hmm… Let me look. Okay.", ["Hmm… Let me look.", "Okay."]],
    ["Ask John F. Kennedy or J.R.R. Tolkien. Okay.", ["Ask John F. Kennedy or J.R.R. Tolkien.", "Okay."]],
    ["1. Call us. 2. Leave a message.", ["1. Call us.", "2. Leave a message."]],
    ["Open 9–5 daily. Okay.", ["Open 9–5 daily.", "Okay."]],
  ])("%s", (text, expected) => {
    expect(chunkText(text)).toEqual(expected);
  });

  it("still ends a sentence after I, and after a.m. when a new sentence follows", () => {
    expect(chunkText("So do I. Fine.")).toEqual(["So do I.", "Fine."]);
  });
});

describe("clause boundaries", () => {
  it("cut at , ; : — only once the chunk reaches minClauseChars", () => {
    const text = "Yes, of course, our office on Main Street is open until six, and on Saturdays until noon.";
    expect(chunkText(text)).toEqual(["Yes, of course, our office on Main Street is open until six,", "and on Saturdays until noon."]);
    expect(chunkText(text, { minClauseChars: 10 })).toEqual(["Yes, of course,", "our office on Main Street is open until six,", "and on Saturdays until noon."]);
  });

  it("uses semicolons, colons, dashes and a long ellipsis as clause ends", () => {
    const o = { minClauseChars: 4 };
    expect(chunkText("We have two slots: Monday; or Tuesday — which one? Hmm, let me think... okay", o)).toEqual([
      "We have two slots:",
      "Monday;",
      "or Tuesday —",
      "which one?",
      "Hmm,",
      "let me think...",
      "okay",
    ]);
    expect(chunkText("那好，我们明天见。", { minClauseChars: 2 })).toEqual(["那好，", "我们明天见。"]);
  });
});

describe("hard cap and whitespace", () => {
  it("cuts a run-on at the last space before maxChars", () => {
    const words = Array.from({ length: 60 }, (_, i) => `word${i}`).join(" ");
    const chunks = chunkText(words, { maxChars: 50 });
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(50);
    expect(chunks.join(" ")).toBe(words);
    expect(chunks[0]).toBe("word0 word1 word2 word3 word4 word5 word6 word7");
  });

  it("cuts an unbroken token at maxChars", () => {
    expect(chunkText("x".repeat(25), { maxChars: 10 })).toEqual(["x".repeat(10), "x".repeat(10), "x".repeat(5)]);
  });

  it("trims and never emits an empty chunk", () => {
    const c = new SentenceChunker();
    expect(c.push("   ")).toEqual([]);
    expect(c.push("\n Hi.  \n\n  ")).toEqual([]);
    expect(c.push("Bye.\n")).toEqual(["Hi."]); // a period waits for the next word ("a.m. on" vs "a.m. See")
    expect(c.flush()).toEqual(["Bye."]);
    expect(c.flush()).toEqual([]);
    expect(chunkText("")).toEqual([]);
    expect(chunkText(" \n ")).toEqual([]);
  });

  it("is reusable after flush", () => {
    const c = new SentenceChunker();
    c.push("One. Two");
    expect(c.flush()).toEqual(["Two"]);
    expect([...c.push("Three. Four"), ...c.flush()]).toEqual(["Three.", "Four"]);
  });
});

describe("streaming", () => {
  const reply =
    'Hi, thanks for calling Dr. Patel\'s office! We open at 9 a.m. on weekdays, e.g. Monday, and the fee is $1,200.50 per year. ' +
    "Call 555-0100 at 10:30, or email front.desk@example.com... Our address is 12 Main St. in Springfield; parking is free — " +
    'just ask. 你好。需要帮忙吗？ He said "see you soon." 1. Bring ID. Well… maybe not!?  ' +
    "A very long sentence without any punctuation that keeps going on and on about the opening hours and the parking and the staff and everything else one could want to hear about";

  it.each([[[1]], [[2]], [[3]], [[1, 4, 2, 7]], [[5, 1]], [[13]]])("token sizes %j cut exactly like the whole string", (sizes) => {
    expect(streamed(reply, sizes)).toEqual(chunkText(reply));
    expect(streamed(reply, sizes, { minClauseChars: 12, maxChars: 60 })).toEqual(chunkText(reply, { minClauseChars: 12, maxChars: 60 }));
  });

  it("chunks a long stream, losing no text and emitting each sentence without waiting for the end", () => {
    const sentence = "Our team can help with that, so please hold on a moment while I check the calendar. ";
    const c = new SentenceChunker();
    let emitted = 0;
    const all: string[] = [];
    for (let n = 0; n < 2000; n++) {
      for (const tok of sentence.match(/\S+\s*/g)!) all.push(...c.push(tok));
      emitted = all.length;
      expect(emitted).toBe(n); // the previous sentence is out once the next begins
    }
    all.push(...c.flush());
    expect(all).toHaveLength(2000);
    expect(new Set(all)).toEqual(new Set([sentence.trim()]));
    expect(all.join(" ")).toBe(sentence.repeat(2000).trim());
  });
});

describe("bounded lookahead", () => {
  it("decides long runs of punctuation, quotes and whitespace the same way streamed or whole", () => {
    const text = `Wait${"!".repeat(30)} Hi.${" ".repeat(40)}and then "${'"'.repeat(20)} ok. Done${".".repeat(25)} End.\n\n\n\n\n\n\n\n\nnext`;
    const whole = chunkText(text);
    expect(streamed(text, [1])).toEqual(whole);
    expect(streamed(text, [3, 1])).toEqual(whole);
    // A 30-mark run is not judged a sentence end; many spaces or newlines end one without the next word.
    expect(whole[0]).toMatch(/^Wait!{30} Hi\.$/);
    expect(whole.slice(-2)).toEqual([`Done${".".repeat(25)} End.`, "next"]);
    expect(whole.join(" ").replace(/\s+/g, " ")).toBe(text.replace(/\s+/g, " "));
  });
});
