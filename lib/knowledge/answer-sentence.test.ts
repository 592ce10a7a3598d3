import { describe, expect, it } from "vitest";
import { bestAnswerSentences, questionAsks } from "./answer-sentence";

const PARKING = `## Parking

Visitors can park in the Elm Street garage next to the clinic. Parking in the Elm Street garage costs 4 dollars per hour. Street parking on Oak Ave. is free after 6 p.m. Monday through Friday.

The garage is open from 6 a.m. to 11 p.m. daily.`;

const HOURS = "Our office hours are Monday to Friday, 8:00 a.m. to 6:00 p.m. On Saturdays we are open from 9 a.m. to 1 p.m. We are closed on Sundays and public holidays.";

const RETURNS =
  "Returns are accepted within 30 days of purchase with the original receipt. Items must be unused and in their original packaging. " +
  "Refunds are issued to the original payment method within 5 to 7 business days. Sale items are final sale and cannot be returned.";

const PAYMENT = "We accept the following payment methods:\n\n- Visa\n- Mastercard\n- **American Express**\n- Cash\n\nWe do not accept personal checks.";

const PRICES = "| Service | Price |\n|---|---|\n| Cleaning | $80 |\n| Whitening | $250 |\n| Implant consultation | Free |";

const FAQ_DOC = "Q: How much is a new patient exam?\nA: A new patient exam with x-rays is $120. Most insurance plans cover it in full.\n\nQ: Do you see children?\nA: Yes, from age 3.";

const answer = (q: string, text: string, heading?: string) => bestAnswerSentences(q, { text, heading });

describe("bestAnswerSentences", () => {
  it("prices: the sentence with the price, not the whole chunk", () => {
    expect(answer("how much is parking", PARKING, "Visiting › Parking")).toBe("Parking in the Elm Street garage costs 4 dollars per hour.");
    expect(answer("is street parking free", PARKING)).toBe("Street parking on Oak Ave. is free after 6 p.m. Monday through Friday.");
    expect(answer("how much does whitening cost", PRICES, "Prices")).toBe("Whitening: $250.");
    expect(answer("what is the price of a cleaning", PRICES, "Prices")).toBe("Cleaning: $80.");
  });

  it("completes a sentence that names the topic with the next one that holds the asked fact", () => {
    expect(answer("how much is parking", "Parking is available behind the building. It costs $4 per hour, with a daily maximum of $20. Spaces fill up early.")).toBe(
      "Parking is available behind the building. It costs $4 per hour, with a daily maximum of $20.",
    );
    // The heading says what the section is about; the sentence holding the price answers.
    expect(answer("how much is parking", "It costs $4 per hour, with a daily maximum of $20.", "Parking")).toBe("It costs $4 per hour, with a daily maximum of $20.");
  });

  it("hours: the asked day, with times; a.m./p.m. before a day do not end the sentence", () => {
    expect(answer("when is the garage open", PARKING)).toBe("The garage is open from 6 a.m. to 11 p.m. daily.");
    expect(answer("what are your hours on saturday", HOURS, "Opening hours")).toBe("On Saturdays we are open from 9 a.m. to 1 p.m.");
    expect(answer("are you open on sunday", HOURS, "Opening hours")).toBe("We are closed on Sundays and public holidays.");
  });

  it("policies: durations for 'how long', the caller's own word before its synonyms", () => {
    expect(answer("how long does a refund take", RETURNS, "Returns")).toBe("Refunds are issued to the original payment method within 5 to 7 business days.");
    expect(answer("what is your return policy", RETURNS, "Returns")).toBe("Returns are accepted within 30 days of purchase with the original receipt.");
    expect(answer("can I return a sale item", RETURNS, "Returns")).toBe("Sale items are final sale and cannot be returned.");
    expect(answer("can I pay with a check", PAYMENT, "Billing")).toBe("We do not accept personal checks.");
  });

  it("lists: said as one sentence after their lead-in, without Markdown", () => {
    expect(answer("what payment methods do you accept", PAYMENT, "Billing")).toBe(
      "We accept the following payment methods: Visa, Mastercard, American Express, and Cash.",
    );
    expect(answer("do you take american express", PAYMENT)).toContain("American Express");
  });

  it("a question in the document is answered by what follows it, without Q:/A: markers", () => {
    expect(answer("how much is a new patient exam", FAQ_DOC)).toBe("A new patient exam with x-rays is $120.");
    expect(answer("do you see kids", FAQ_DOC)).toBe("Yes, from age 3.");
    // The question is the passage's last line (its answer is in the next chunk): never spoken as an answer.
    expect(answer("do you see kids", "Q: Do you see children?")).toBeNull();
  });

  it("the recogniser's topic phrases ('what about X', 'i have a question about X') ask about X", () => {
    // The first sentence on the topic: a general question gets the section's lead.
    expect(answer("i have a question about parking", PARKING)).toBe("Visitors can park in the Elm Street garage next to the clinic.");
    expect(answer("what about parking", PARKING)).toBe("Visitors can park in the Elm Street garage next to the clinic.");
    expect(answer("tell me about refunds", RETURNS)).toBe("Refunds are issued to the original payment method within 5 to 7 business days.");
  });

  it("a section whose heading is the question answers with its first sentence", () => {
    expect(answer("do you do braces or orthodontics", "Our orthodontist visits every Thursday.", "Braces and orthodontics")).toBe("Our orthodontist visits every Thursday.");
  });

  it("null when nothing overlaps enough: a shared word is not an answer", () => {
    expect(answer("do you accept insurance", PARKING)).toBeNull();
    expect(answer("do you sell gift cards", RETURNS)).toBeNull();
    expect(answer("tell me a joke", "The garage entrance is at 210 Elm Street, across from the library.")).toBeNull();
    // "refund" alone of four content words.
    expect(answer("is there a refund on damaged concert tickets", PARKING + "\n\n" + RETURNS)).toBeNull();
    expect(answer("", RETURNS)).toBeNull();
    expect(answer("how much is parking", "")).toBeNull();
  });

  it("stays within maxChars, cutting an over-long sentence at a clause and ending it", () => {
    const long =
      "We ask for at least 24 hours notice if you need to cancel or reschedule an appointment, because that slot could have gone to another patient waiting for care, " +
      "and late cancellations, which are those made with less than 24 hours notice, are charged a fee of $50 that is not covered by insurance and must be paid before your next visit.";
    const out = answer("what is the cancellation policy", long, "Policies › Cancellations")!;
    expect(out.length).toBeLessThanOrEqual(240);
    expect(out).toMatch(/^We ask for at least 24 hours notice .*\.$/);
    const two = answer("how much is parking", "Parking is available behind the building. It costs $4 per hour.", undefined);
    expect(bestAnswerSentences("how much is parking", { text: "Parking is available behind the building. It costs $4 per hour." }, { maxSentences: 1 })).toBe(
      "Parking is available behind the building.",
    );
    expect(two).toBe("Parking is available behind the building. It costs $4 per hour.");
  });
});

describe("questionAsks", () => {
  it("reads the kind of fact wanted from the question's wording", () => {
    expect([...questionAsks("How much is parking?")]).toEqual(["money"]);
    expect([...questionAsks("what time does the garage open")]).toEqual(["time"]);
    expect([...questionAsks("how long does shipping take")]).toEqual(["duration"]);
    expect([...questionAsks("how many guests can the room hold")]).toEqual(["count"]);
    expect([...questionAsks("where is the entrance")]).toEqual(["place"]);
    expect(questionAsks("do you have wifi").size).toBe(0);
  });
});
