// A deterministic corpus of business documents with a labelled question set, for the knowledge
// benchmark (server/bench/kb.ts) and the retrieval measurements. One document is one location of a
// business (a dental clinic, a repair shop, an inn...), in Markdown: a title, then ~20 sections
// (hours, address, parking, prices, policies...) each stating one fact among filler sentences.
//
// Questions are what a caller would ask, paraphrased ("Is there somewhere to leave my car?" for the
// parking section): they name the location (a franchise with thousands of locations is exactly where
// the right passage is hard to find) but otherwise share few words with the text. `expect` is a
// phrase only the right section of the right document contains.
import {
  BUSINESSES,
  FILLER,
  HOURS_CLOSE,
  HOURS_OPEN,
  NAME_FIRST,
  NAME_SECOND,
  SATURDAY_CLOSE,
  STAFF,
  STREETS,
  WEEKDAYS,
  type Business,
} from "./corpus-topics";

export interface CorpusQuestion {
  question: string;
  documentIndex: number;
  /** A phrase the right chunk contains. */
  expect: string;
}

export interface Corpus {
  documents: { title: string; markdown: string }[];
  questions: CorpusQuestion[];
}

interface Section {
  heading: string;
  fact: string;
  expect: string;
  questions: string[];
}

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick };
}
type Rng = ReturnType<typeof rng>;

// How a caller refers to each kind of place (words the documents use too: "the Maple Grove clinic").
const CALLED: Record<string, string[]> = {
  dental: ["dental clinic", "clinic"],
  auto: ["auto repair shop", "repair shop"],
  veterinary: ["animal hospital", "vet hospital"],
  salon: ["hair studio", "salon"],
  plumbing: ["plumbing company", "plumbing service"],
  fitness: ["fitness center", "gym"],
  hotel: ["inn", "hotel"],
  law: ["law office", "law firm"],
};

const phone = (r: Rng) => `(555) ${200 + r.int(800)}-${String(1000 + r.int(9000))}`;

/** The sections of one location's document, each with its fact, its answer phrase and caller questions. */
function sections(r: Rng, name: string, biz: Business, place: string): Section[] {
  const open = r.pick(HOURS_OPEN);
  const close = r.pick(HOURS_CLOSE);
  const sat = r.pick(SATURDAY_CLOSE);
  const street = `${100 + r.int(9800)} ${r.pick(STREETS)} Street`;
  const cars = 10 + r.int(90);
  const hoursCancel = r.pick([12, 24, 48, 72]);
  const feeCancel = 15 + 5 * r.int(12);
  const refundDays = r.pick([7, 14, 21, 30, 45, 60, 90]);
  const manager = `${r.pick(["Dr.", "Ms.", "Mr."])} ${r.pick(STAFF)}`;
  const years = 3 + r.int(25);
  const side = r.pick(["north", "south", "east", "west", "rear", "side"]);
  const lang = r.pick(["Spanish", "French", "Polish", "Vietnamese", "Arabic", "Portuguese", "Mandarin", "Tagalog"]);
  const maxGift = 100 + 50 * r.int(10);
  const pct = 5 + 5 * r.int(5);
  const nth = r.pick(["fifth", "sixth", "eighth", "tenth"]);
  const pounds = 20 + 5 * r.int(10);
  const wallet = r.pick(["Apple Pay", "Google Pay", "American Express", "Discover", "PayPal"]);
  const holiday = r.pick(["Thanksgiving Day and Christmas Day", "New Year's Day and Independence Day", "Memorial Day and Labor Day", "Easter Sunday and Christmas Eve"]);
  const lot = r.pick(["the pharmacy", "the public library", "the post office", "the train station", "the farmers market"]);

  const priced = biz.services.map((s) => {
    const price = `$${(40 + 5 * r.int(120)).toLocaleString("en-US")}`;
    return {
      heading: `Prices: ${s.name}`,
      fact: `At the ${name} ${biz.noun}, ${s.name} costs ${price}, taxes included.`,
      expect: `${s.name} costs ${price}`,
      questions: s.asked.flatMap((a) => [`How much do you charge for ${a} at the ${place}?`, `What would ${a} cost me at ${place}?`]),
    };
  });

  return [
    {
      heading: "Opening hours",
      fact: `The ${name} ${biz.noun} is open ${WEEKDAYS[0]} to ${WEEKDAYS[4]} from ${open} to ${close}.`,
      expect: `from ${open} to ${close}`,
      questions: [`What time does the ${place} open during the week?`, `Until when can I come by ${place} on a weekday?`],
    },
    {
      heading: "Weekend hours",
      fact: `On Saturdays the ${name} location opens at 9:00 am and closes at ${sat}; it is closed on Sundays.`,
      expect: `closes at ${sat}`,
      questions: [`Are you open on the weekend at ${place}?`, `Can I drop in at ${place} on a Saturday afternoon?`],
    },
    {
      heading: "How to find us",
      fact: `You will find the ${name} ${biz.noun} at ${street}, across from ${lot}.`,
      expect: street,
      questions: [`Where exactly is the ${place} located?`, `What's the street address for ${place}?`],
    },
    {
      heading: "Parking",
      fact: `Free parking for ${cars} cars is available behind the ${name} building; street spaces nearby are metered.`,
      expect: `parking for ${cars} cars`,
      questions: [`Is there somewhere to leave my car at ${place}?`, `Can I park at the ${place}?`],
    },
    ...priced,
    {
      heading: "Payment methods",
      fact: `The ${name} front desk accepts Visa, Mastercard, cash and ${wallet}; personal checks are not accepted.`,
      expect: `cash and ${wallet}`,
      questions: [`Can I pay by card at ${place}?`, `What forms of payment does the ${place} take?`],
    },
    {
      heading: "Cancellation policy",
      fact: `Appointments at ${name} can be cancelled free of charge up to ${hoursCancel} hours before; later cancellations cost $${feeCancel}.`,
      expect: `up to ${hoursCancel} hours before`,
      questions: [`Is there a fee if I cancel my appointment at ${place}?`, `What happens if I can't make my booking at ${place}?`],
    },
    {
      heading: "Refunds and returns",
      fact: `Refund requests at ${name} must be made within ${refundDays} days of purchase, with the original receipt.`,
      expect: `within ${refundDays} days of purchase`,
      questions: [`Can I get my money back from the ${place}?`, `How long do I have to ask ${place} for a refund?`],
    },
    {
      heading: "Booking an appointment",
      fact: `Book a visit to ${name} online, or call the ${name} desk at ${phone(r)} during opening hours.`,
      expect: `call the ${name} desk at`,
      questions: [`How do I make a booking at ${place}?`, `What number do I call to schedule something at ${place}?`],
    },
    {
      heading: "Our team",
      fact: `The ${name} ${biz.noun} is managed by ${manager}, who has been with us for ${years} years.`,
      expect: `managed by ${manager}`,
      questions: [`Who is in charge at the ${place}?`, `Who runs the ${place}?`],
    },
    {
      heading: "Accessibility",
      fact: `The ${name} building has a wheelchair ramp at the ${side} entrance and an accessible restroom on the ground floor.`,
      expect: `ramp at the ${side} entrance`,
      questions: [`Is the ${place} wheelchair accessible?`, `My mother uses a wheelchair, can she get into ${place}?`],
    },
    {
      heading: "Holiday closures",
      fact: `The ${name} location is closed on ${holiday}.`,
      expect: `closed on ${holiday}`,
      questions: [`Are you open over the holidays at ${place}?`, `Which holidays is the ${place} closed?`],
    },
    {
      heading: "Languages spoken",
      fact: `Staff at the ${name} ${biz.noun} speak English and ${lang}.`,
      expect: `English and ${lang}`,
      questions: [`Does anyone at the ${place} speak another language?`, `What languages are spoken at ${place}?`],
    },
    {
      heading: "Gift cards",
      fact: `Gift cards for ${name} are sold in amounts from $25 to $${maxGift} and never expire.`,
      expect: `from $25 to $${maxGift}`,
      questions: [`Do you sell gift certificates at the ${place}?`, `Can I buy a gift card for ${place}?`],
    },
    {
      heading: "After-hours emergencies",
      fact: `For urgent problems outside opening hours, call the ${name} after-hours line at ${phone(r)}.`,
      expect: `${name} after-hours line`,
      questions: [`Who do I call at night if there's an emergency at ${place}?`, `Is there an urgent number for the ${place}?`],
    },
    {
      heading: "Rewards program",
      fact: `Members of the ${name} rewards program get ${pct}% off every ${nth} visit.`,
      expect: `${pct}% off every ${nth} visit`,
      questions: [`Is there a discount for regular customers at ${place}?`, `Do you have a loyalty program at the ${place}?`],
    },
    {
      heading: "Pets on site",
      fact: `Dogs under ${pounds} pounds are welcome in the ${name} waiting area if kept on a leash.`,
      expect: `Dogs under ${pounds} pounds`,
      questions: [`Can I bring my dog to the ${place}?`, `Are pets allowed inside ${place}?`],
    },
  ];
}

function sectionMarkdown(r: Rng, s: Section): string {
  // The fact sits among filler, at a varying place, like a real page.
  const filler = Array.from({ length: 3 + r.int(3) }, () => r.pick(FILLER));
  const at = r.int(filler.length + 1);
  const sentences = [...filler.slice(0, at), s.fact, ...filler.slice(at)];
  const cut = 1 + r.int(sentences.length - 1);
  return `## ${s.heading}\n\n${sentences.slice(0, cut).join(" ")}\n\n${sentences.slice(cut).join(" ")}\n`;
}

/**
 * `documents` locations, each with about `chunksPerDocument` sections (default 20), and one question
 * for every fourth section on average (at least one per document picked), all from `seed`.
 */
export function generateCorpus(opts: { seed: number; documents: number; chunksPerDocument?: number }): Corpus {
  const perDoc = Math.max(1, opts.chunksPerDocument ?? 20);
  const names = NAME_FIRST.length * NAME_SECOND.length;
  const documents: Corpus["documents"] = [];
  const questions: CorpusQuestion[] = [];
  for (let i = 0; i < opts.documents; i++) {
    // Per document, so document i is the same whatever the corpus size.
    const r = rng(opts.seed * 1_000_003 + i);
    const name = `${NAME_FIRST[i % NAME_FIRST.length]} ${NAME_SECOND[Math.floor(i / NAME_FIRST.length) % NAME_SECOND.length]}`;
    // Past the number of names a name comes back as another kind of business.
    const biz = BUSINESSES[(i + Math.floor(i / names)) % BUSINESSES.length]!;
    const place = `${name} ${r.pick(CALLED[biz.kind]!)}`;
    const all = sections(r, name, biz, place);
    const chosen = Array.from({ length: perDoc }, (_, k) =>
      k < all.length ? all[k]! : { heading: `Notes ${k - all.length + 1}`, fact: r.pick(FILLER), expect: "", questions: [] },
    );
    const title = `${name} ${biz.noun}`;
    const intro = `# ${title}\n\nWelcome to the ${title}. This guide answers the questions our customers ask most often.\n`;
    documents.push({ title, markdown: [intro, ...chosen.map((s) => sectionMarkdown(r, s))].join("\n") });

    const askable = chosen.filter((s) => s.questions.length > 0);
    const count = Math.max(1, Math.round(askable.length / 4));
    for (let q = 0; q < count && askable.length > 0; q++) {
      const s = askable.splice(r.int(askable.length), 1)[0]!;
      questions.push({ question: r.pick(s.questions), documentIndex: i, expect: s.expect });
    }
  }
  return { documents, questions };
}
