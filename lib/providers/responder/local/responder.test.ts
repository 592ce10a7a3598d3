import { describe, expect, it } from "vitest";
import type { ConversationItem, RespondRequest } from "../types";
import { spokenTableRow } from "./answers";
import { localResponderProvider, wordGroups } from "./responder";
import { calls, dentalProfile, scriptedCall, spoken } from "./test-profile";
import { SPOKEN_MESSAGE } from "./take-message";

// 2026-03-09 is a Monday; New York switched to daylight time on Sunday 2026-03-08.
const MON_10AM_NY = new Date("2026-03-09T14:00:00Z");

describe("local responder: answers from the agent's configuration", () => {
  it("speaks the asked day's hours naturally, incl. a closed day and a split day", async () => {
    const call = scriptedCall({ now: MON_10AM_NY });
    expect(spoken(await call.say("what time do you open on saturday"))).toContain(
      "On Saturday we're open from 9 in the morning to 1 in the afternoon.",
    );
    expect(spoken(await call.say("are you open on sunday"))).toContain("We're closed on Sundays.");
    expect(spoken(await call.say("What are your hours on Wednesday?"))).toContain(
      "On Wednesday we're open from 9 in the morning to noon, and from 1 to 5 in the afternoon.",
    );
    expect(spoken(await call.say("uh are you open tomorrow"))).toContain("Tomorrow we're open from 9 in the morning to 5 in the afternoon.");
    expect(spoken(await call.say("what are your hours"))).toMatch(/^We're open Monday and Tuesday from 9 .* We're closed on Sunday\./);
  });

  it("hears hours asked as whether someone is there on a day", async () => {
    const call = scriptedCall({ now: MON_10AM_NY });
    expect(spoken(await call.say("Hi, do you guys work on Sundays?"))).toContain("We're closed on Sundays.");
    expect(spoken(await call.say("is anyone there on saturday"))).toContain("On Saturday we're open from 9 in the morning to 1 in the afternoon.");
    expect(spoken(await call.say("are you in tomorrow"))).toContain("Tomorrow we're open from 9 in the morning to 5 in the afternoon.");
    expect(spoken(await call.say("which days do you work"))).toMatch(/^We're open Monday and Tuesday from 9 /);
    expect(spoken(await call.say("what's your schedule"))).toMatch(/^We're open Monday and Tuesday from 9 /);
    // A holiday: the week's hours say nothing of it (an FAQ about holidays wins, below), so it says so.
    const noHolidayFaq = scriptedCall({ profile: dentalProfile({ faq: [] }), now: MON_10AM_NY });
    expect(spoken(await noHolidayFaq.say("yeah hi um I was wondering if you guys are open on christmas"))).toMatch(
      /^I don't have our hours for Christmas on hand, so please check with the team\. Our regular hours: We're open Monday/,
    );
    expect(spoken(await noHolidayFaq.say("are you open on thanksgiving day"))).toMatch(/^I don't have our hours for Thanksgiving on hand/);
    expect(spoken(await noHolidayFaq.say("are you open on the fourth of july"))).toMatch(/^I don't have our hours for the Fourth of July on hand/);
    // "The fourth" alone is a date of the month, not the holiday.
    expect(spoken(await noHolidayFaq.say("are you open on the fourth"))).not.toMatch(/Fourth of July/);
    // Without a day it is not an hours question.
    expect(spoken(await call.say("do you work with kids"))).not.toMatch(/we're open|we're closed/i);
  });

  it("answers 'are you open now' at given instants across a DST change", async () => {
    // 13:30 UTC is 8:30 in New York before the change (EST) and 9:30 after it (EDT).
    const before = scriptedCall({ now: new Date("2026-03-06T13:30:00Z") }); // Friday
    expect(spoken(await before.say("are you open now"))).toContain("We're closed right now; we open again today at 9 AM.");
    const after = scriptedCall({ now: new Date("2026-03-09T13:30:00Z") }); // Monday
    expect(spoken(await after.say("are you open right now"))).toContain("We're open now until 5 PM.");
    const saturdayEvening = scriptedCall({ now: new Date("2026-03-14T22:00:00Z") }); // Sat 6 PM EDT
    expect(spoken(await saturdayEvening.say("are you open"))).toContain("We're closed right now; we open again on Monday at 9 AM.");
    const lunch = scriptedCall({ now: new Date("2026-03-11T16:30:00Z") }); // Wed 12:30 EDT
    expect(spoken(await lunch.say("are you still open"))).toContain("we open again today at 1 PM.");
  });

  it("uses the agent's own time zone, and says 24 hours", async () => {
    const allDay = [{ open: "00:00", close: "24:00" }];
    const tokyo = dentalProfile({
      timezone: "Asia/Tokyo",
      businessHours: { monday: allDay, tuesday: allDay, wednesday: allDay, thursday: allDay, friday: allDay, saturday: [], sunday: [] },
    });
    // 2026-03-09T20:00Z is Tuesday 05:00 in Tokyo (still Monday in New York).
    const call = scriptedCall({ profile: tokyo, now: new Date("2026-03-09T20:00:00Z") });
    expect(spoken(await call.say("are you open today"))).toContain("Today we're open 24 hours.");
    expect(spoken(await call.say("when do you close"))).toContain("We're open now until midnight on Friday night.");
    expect(spoken(await call.say("are you open on saturday"))).toContain("We're closed on Saturdays.");
  });

  it("when do you close: today's closing time while open", async () => {
    const call = scriptedCall({ now: new Date("2026-03-11T14:00:00Z") }); // Wed 10 AM EDT
    expect(spoken(await call.say("what time do you close today"))).toContain("We close at noon today, and open again from 1 PM to 5 PM.");
  });

  it("address, services (list, named, unknown) and FAQ", async () => {
    const call = scriptedCall({});
    expect(spoken(await call.say("where are you located"))).toContain("We're located at 12 Main Street, Springfield.");
    // An address written as a sentence of its own is not given a second full stop.
    const parking = scriptedCall({ profile: dentalProfile({ address: "12 Main Street. Parking is behind the building. " }) });
    expect(spoken(await parking.say("what's your address"))).toMatch(/^We're located at 12 Main Street\. Parking is behind the building\. [A-Z]/);
    expect(spoken(await call.say("what services do you offer"))).toContain("We offer teeth cleaning, teeth whitening, and dental implants.");
    expect(spoken(await call.say("do you do teeth whitening"))).toContain("Yes, we offer teeth whitening.");
    expect(spoken(await call.say("do you accept insurance"))).toContain("Yes, we accept most major dental insurance plans.");
    expect(spoken(await call.say("Where can I park my car?"))).toContain("free parking behind the building");
    // The FAQ about holidays beats the computed hours; plain hours questions do not hit it.
    expect(spoken(await call.say("are you open on holidays"))).toContain("We're closed on public holidays.");
    const braces = spoken(await call.say("do you do braces"));
    expect(braces).toContain("I'm not sure we offer that.");
    expect(braces).toContain("Would you like to leave a message?");
  });

  it("is honest about what it does not know and offers a message", async () => {
    const call = scriptedCall({});
    const reply = spoken(await call.say("who won the game last night"));
    expect(reply).toBe("I'm not sure about that. I can take a message and someone will get back to you. Would you like to leave a message?");
    expect(spoken(await call.say("no thanks"))).toBe("Okay. Is there anything else I can help you with?");
  });

  it("asks the knowledge search tool when offered, and answers from its result", async () => {
    const profile = dentalProfile({ tools: ["search_knowledge", "take_message"] });
    const queries: unknown[] = [];
    const call = scriptedCall({
      profile,
      toolResult: (name, args) => {
        queries.push(args.query);
        return { ok: true, data: { results: [{ text: "Our orthodontist visits every Thursday.", title: "Braces and orthodontics", source: "document", score: 2 }] } };
      },
    });
    const rounds = await call.say("do you do braces or orthodontics");
    expect(calls(rounds).map((c) => c.name)).toEqual(["search_knowledge"]);
    expect(queries).toEqual(["do you do braces or orthodontics"]);
    expect(rounds[1]!.text).toContain("Our orthodontist visits every Thursday.");

    const none = scriptedCall({ profile, toolResult: () => ({ ok: true, data: { results: [] } }) });
    expect(spoken(await none.say("what is the wifi password"))).toContain("I'm not sure about that.");
  });

  it("answers a document hit with the sentence that answers, and declines one that only shares a word", async () => {
    const profile = dentalProfile({ tools: ["search_knowledge", "take_message"], faq: [] });
    const guide = {
      text: "Visitors can use the Elm Street garage next to the clinic. Parking in the Elm Street garage costs 4 dollars per hour. The garage closes at 11 p.m.",
      title: "Visitor guide",
      heading: "Getting here › Parking",
      source: "document",
      score: 0.8,
    };
    const call = scriptedCall({ profile, toolResult: () => ({ ok: true, data: { results: [guide] } }) });
    const rounds = await call.say("how much is parking");
    expect(calls(rounds).map((c) => c.name)).toEqual(["search_knowledge"]);
    expect(spoken(rounds)).toBe("Parking in the Elm Street garage costs 4 dollars per hour. Is there anything else I can help you with?");

    // Retrieval found the passage for "garage", but nothing in it says anything about tall trucks.
    const weak = scriptedCall({ profile, toolResult: () => ({ ok: true, data: { results: [guide] } }) });
    expect(spoken(await weak.say("is the garage safe for tall trucks overnight"))).toBe(
      "I'm not sure about that. I can take a message and someone will get back to you. Would you like to leave a message?",
    );
  });

  it("a confident FAQ result wins over a document; a failed search is an honest not-sure", async () => {
    const profile = dentalProfile({ tools: ["search_knowledge", "take_message"], faq: [] });
    const results = [
      { text: "Our garage costs 4 dollars per hour.", title: "Visitor guide", source: "document", score: 0.9 },
      { text: "Patients park for free with a validated ticket.", title: "Is parking free for patients?", source: "faq", score: 0.5 },
    ];
    const call = scriptedCall({ profile, toolResult: () => ({ ok: true, data: { results } }) });
    expect(spoken(await call.say("is parking free for patients"))).toContain("Patients park for free with a validated ticket.");
    const failed = scriptedCall({ profile, toolResult: () => ({ ok: false, error: "search_knowledge failed" }) });
    expect(spoken(await failed.say("how much is parking"))).toContain("I'm not sure about that.");
  });

  it("hours or address of something else are searched first; the business's own stay computed", async () => {
    const profile = dentalProfile({ tools: ["search_knowledge", "take_message"], faq: [] });
    const garage = { text: "The Elm Street garage is open from 6 a.m. to 11 p.m. daily. Its entrance is at 210 Elm Street, across from the library.", title: "Visitor guide", heading: "Parking", source: "document", score: 1 };
    const found = scriptedCall({ profile, now: MON_10AM_NY, toolResult: () => ({ ok: true, data: { results: [garage] } }) });
    expect(spoken(await found.say("when is the garage open"))).toContain("The Elm Street garage is open from 6 a.m. to 11 p.m. daily.");
    expect(spoken(await found.say("where is the garage entrance"))).toContain("Its entrance is at 210 Elm Street");

    const nothing = scriptedCall({ profile, now: MON_10AM_NY, toolResult: () => ({ ok: true, data: { results: [] } }) });
    const rounds = await nothing.say("what time does the pharmacy open");
    expect(calls(rounds).map((c) => c.name)).toEqual(["search_knowledge"]);
    expect(spoken(rounds)).toContain("open"); // the business's own hours, as before
    expect(spoken(rounds)).not.toContain("not sure");

    const own = scriptedCall({ profile, now: MON_10AM_NY, toolResult: () => ({ ok: true, data: { results: [garage] } }) });
    const tomorrow = await own.say("what time do you open tomorrow");
    expect(calls(tomorrow)).toEqual([]);
    expect(spoken(tomorrow)).toContain("Tomorrow we're open from 9 in the morning to 5 in the afternoon.");
    expect(calls(await own.say("where are you located"))).toEqual([]);
  });

  it("misrecognition once → sorry + hint; twice in a row → offers a message or a transfer", async () => {
    const call = scriptedCall({});
    expect(spoken(await call.say("", false))).toBe(
      "Sorry, I didn't catch that. I can help with our opening hours, our address, our services, and taking a message.",
    );
    expect(spoken(await call.say("", false))).toBe(
      "I'm sorry, I'm still having trouble understanding. Would you like to leave a message, or should I transfer you to someone?",
    );
    const transfer = await call.say("transfer please");
    expect(calls(transfer).map((c) => c.name)).toEqual(["transfer_call"]);
    // An understood turn in between resets the count.
    const other = scriptedCall({});
    await other.say("", false);
    await other.say("hello");
    expect(spoken(await other.say("", false))).toMatch(/^Sorry, I didn't catch that\./);
  });
});

describe("local responder: take-message dialogue", () => {
  it("does not ask for a name the call's recogniser cannot take down, but keeps one the caller gave", async () => {
    const saved: Record<string, unknown>[] = [];
    const call = scriptedCall({ hearsNames: false, toolResult: (_name, args) => (saved.push(args), { ok: true }) });
    expect(spoken(await call.say("i'd like to leave a message"))).toBe("Sure, I can take a message. What message would you like me to pass on?");
    expect(spoken(await call.say("please call me back about my crown"))).toBe("Got it. And what's the best number to reach you?");
    expect(spoken(await call.say("five five five one two three four"))).toBe("I have 5 5 5, 1 2 3 4 — is that right?");
    const done = await call.say("yes");
    expect(calls(done)[0]?.args).toMatchObject({ callerName: "Unknown caller", callbackNumber: "5551234" });
    expect(done[1]!.text).toMatch(/^Thank you\. I'll make sure they get your message/);
    // Typed or transcribed by a recogniser that can, a name given up front is still used.
    const named = scriptedCall({ hearsNames: false });
    expect(spoken(await named.say("this is anna smith, i'd like to leave a message"))).toBe("Sure, Anna Smith, I can take a message. What message would you like me to pass on?");
    expect(saved).toHaveLength(1);
  });

  it("keeps the message as where it was said when the recogniser cannot take it down, understood or not, and asks nothing twice", async () => {
    const at = (startMs: number) => ({ startMs, endMs: startMs + 1500 });
    const saved: Record<string, unknown>[] = [];
    const call = scriptedCall({ hearsNames: false, toolResult: (_name, args) => (saved.push(args), { ok: true }) });
    expect(spoken(await call.say("i'd like to leave a message", true, at(2000)))).toBe("Sure, I can take a message. What message would you like me to pass on?");
    // Free speech the grammar has no phrase for: no "sorry, say that again", the turn is the message.
    expect(spoken(await call.say("", false, { startMs: 6100, endMs: 11_800 }))).toBe("Got it, I've recorded your message. And what's the best number to reach you?");
    expect(spoken(await call.say("five five five one two three four", true, at(14_000)))).toBe("I have 5 5 5, 1 2 3 4 — is that right?");
    expect(calls(await call.say("yes", true, at(18_000)))[0]?.args).toEqual({
      callerName: "Unknown caller",
      callbackNumber: "5551234",
      message: SPOKEN_MESSAGE,
      urgency: "NORMAL",
      messageAudio: { startMs: 6100, endMs: 11_800 },
    });
    // The caller talks on over "Got it, …" (a pause past the endpoint): that is more of the message, and
    // the question is asked again; digits said straight away are the number all the same.
    const kept: Record<string, unknown>[] = [];
    const paused = scriptedCall({ hearsNames: false, toolResult: (_name, args) => (kept.push(args), { ok: true }) });
    await paused.say("i'd like to leave a message", true, at(2000));
    await paused.say("", false, { startMs: 6000, endMs: 9000 });
    expect(spoken(await paused.say("is there any", true, { startMs: 10_200, endMs: 13_000 }))).toBe("Got it. And what's the best number to reach you?");
    expect(spoken(await paused.say("", false, { startMs: 14_000, endMs: 15_500 }))).toBe("Got it. And what's the best number to reach you?");
    // Past the gap, a turn that is not a number is a miss at the number question, as before.
    expect(spoken(await paused.say("", false, { startMs: 20_000, endMs: 21_000 }))).toBe("Sorry, I didn't catch that. Could you say the number one digit at a time?");
    expect(spoken(await paused.say("five five five one two three four", true, at(23_000)))).toBe("I have 5 5 5, 1 2 3 4 — is that right?");
    await paused.say("yes", true, at(27_000));
    expect(kept).toMatchObject([{ message: SPOKEN_MESSAGE, messageAudio: { startMs: 6000, endMs: 15_500 } }]);
    const quick = scriptedCall({ hearsNames: false });
    await quick.say("i'd like to leave a message", true, at(2000));
    await quick.say("", false, { startMs: 6000, endMs: 9000 });
    expect(spoken(await quick.say("five five five one two three four", true, { startMs: 9800, endMs: 12_000 }))).toBe("I have 5 5 5, 1 2 3 4 — is that right?");
    // Matched to one of its phrases: that is only a hint next to the audio (and its urgency counts).
    const hinted = scriptedCall({ hearsNames: false, toolResult: (_name, args) => (saved.push(args), { ok: true }) });
    await hinted.say("i'd like to leave a message", true, at(2000));
    expect(spoken(await hinted.say("it's urgent, please call me back", true, at(5000)))).toBe("Got it, I've recorded your message. And what's the best number to reach you?");
    await hinted.say("five five five one two three four", true, at(9000));
    await hinted.say("yes", true, at(12_000));
    expect(saved[1]).toMatchObject({ message: `${SPOKEN_MESSAGE} It sounded like: "it's urgent, please call me back".`, urgency: "HIGH", messageAudio: at(5000) });
    // A typed turn has no audio to keep: it is read as words, and a miss is asked again.
    const typed = scriptedCall({ hearsNames: false });
    await typed.say("i'd like to leave a message");
    expect(spoken(await typed.say("", false))).toBe("Sorry, I didn't catch that. What would you like me to pass on?");
    // A recogniser that takes words down keeps them, with no audio range.
    const open = scriptedCall({ toolResult: (_name, args) => (saved.push(args), { ok: true }) });
    await open.say("i'd like to leave a message, this is anna smith", true, at(2000));
    expect(spoken(await open.say("tell them the invoice is paid", true, at(5000)))).toBe("Got it. And what's the best number to reach you?");
    await open.say("five five five one two three four", true, at(9000));
    await open.say("yes", true, at(12_000));
    expect(saved[2]).toMatchObject({ message: "The invoice is paid" });
    expect(saved[2]).not.toHaveProperty("messageAudio");
  });

  it("collects name, message and number one at a time, reads the number back, corrects it, then calls take_message", async () => {
    const saved: Record<string, unknown>[] = [];
    const call = scriptedCall({ toolResult: (name, args) => (saved.push(args), { ok: true, data: { messageId: "m1" } }) });
    expect(spoken(await call.say("i'd like to leave a message"))).toBe("Sure, I can take a message. May I have your name, please?");
    expect(spoken(await call.say("my name is anna smith"))).toBe("Thanks, Anna Smith. What message would you like me to pass on?");
    expect(spoken(await call.say("Please tell them I need to move my cleaning to next week."))).toBe(
      "Got it. And what's the best number to reach you?",
    );
    expect(spoken(await call.say("five five five"))).toBe("Okay, 5 5 5. And the rest?");
    expect(spoken(await call.say("one two three four"))).toBe("I have 5 5 5, 1 2 3 4 — is that right?");
    expect(spoken(await call.say("no"))).toBe("Sorry about that. What's the best number to reach you?");
    expect(spoken(await call.say("six one seven oh double five triple two one"))).toBe("I have 6 1 7, 0 5 5, 2 2 2 1 — is that right?");
    const done = await call.say("yes that's right");
    expect(calls(done)).toEqual([
      {
        id: "local-call-1",
        name: "take_message",
        args: { callerName: "Anna Smith", callbackNumber: "6170552221", message: "I need to move my cleaning to next week.", urgency: "NORMAL" },
      },
    ]);
    expect(saved).toHaveLength(1);
    expect(done[1]!.text).toBe(
      "Thank you, Anna Smith. I'll make sure they get your message, and someone will call you back at 6 1 7, 0 5 5, 2 2 2 1. Is there anything else I can help you with?",
    );
    const bye = await call.say("no that's all");
    expect(spoken(bye)).toBe("Thank you for calling Bright Smile Dental. Goodbye!");
    expect(calls(bye).map((c) => c.name)).toEqual(["end_call"]);
  });

  it("takes what the caller already said, marks urgency HIGH, and accepts 'this is' / bare names", async () => {
    const call = scriptedCall({});
    expect(spoken(await call.say("this is john and i need to leave an urgent message"))).toBe(
      "Sure, John, I can take a message. What message would you like me to pass on?",
    );
    await call.say("my tooth is really hurting");
    const rounds = await call.say("my number is five five five one two three four five six seven");
    expect(spoken(rounds)).toBe("I have 5 5 5, 1 2 3, 4 5 6 7 — is that right?");
    const done = await call.say("yes");
    expect(calls(done)[0]!.args).toMatchObject({ callerName: "John", callbackNumber: "5551234567", urgency: "HIGH" });

    const bare = scriptedCall({});
    await bare.say("can you take a message");
    expect(spoken(await bare.say("maria"))).toBe("Thanks, Maria. What message would you like me to pass on?");
    expect(spoken(await bare.say("it's an emergency please call back"))).toBe("Got it. And what's the best number to reach you?");
  });

  it("an appointment request becomes a message with the request in it (this line books nothing itself)", async () => {
    const call = scriptedCall({});
    expect(spoken(await call.say("Can I book an appointment for next Tuesday?"))).toBe(
      "I can't book appointments on this line, but I'll pass your request on and the team will call you back to confirm. May I have your name, please?",
    );
    expect(spoken(await call.say("my name is jordan lee"))).toBe("Thanks, Jordan Lee. And what's the best number to reach you?");
    await call.say("two one seven five five five zero one nine nine");
    const done = await call.say("yes");
    expect(calls(done)[0]!.args).toMatchObject({ callerName: "Jordan Lee", callbackNumber: "2175550199", message: "Can I book an appointment for next Tuesday?" });

    // Other ways to ask; a cancellation is a request to pass on, not "cancel".
    for (const ask of ["i want to schedule an appointment", "i need to reschedule my cleaning", "do you have any openings this week", "could you fit me in on friday", "I need to cancel my appointment"]) {
      expect(spoken(await scriptedCall({}).say(ask)), ask).toMatch(/^I can't book appointments on this line, but I'll pass your request on/);
    }
    // Not bookings: a job opening, a question about a service.
    const job = spoken(await scriptedCall({ profile: dentalProfile({ transferPhoneNumber: "+15550109999" }) }).say("do you have any openings for a receptionist job"));
    expect(job).not.toMatch(/book appointments|transfer/i);
    expect(spoken(await scriptedCall({}).say("do you do free consultations"))).not.toMatch(/book appointments/);
    // In the form, "cancel my appointment" is the message; a bare "cancel" still drops the form.
    const form = scriptedCall({});
    await form.say("leave a message");
    await form.say("this is maria");
    expect(spoken(await form.say("tell them i need to cancel my appointment"))).toBe("Got it. And what's the best number to reach you?");
    expect(spoken(await form.say("cancel"))).toMatch(/^No problem, I won't take a message\./);

    // Without the message tool it says what it cannot do and offers the transfer when there is one.
    const noMessages = scriptedCall({ profile: dentalProfile({ tools: ["end_call", "transfer_call"], transferPhoneNumber: "+15550109999" }) });
    expect(spoken(await noMessages.say("i want to book an appointment"))).toBe(
      "I can't book appointments on this line. Would you like me to transfer you to someone who can?",
    );
  });

  it("answers a question asked while it waits for a name or a number, then asks again", async () => {
    const call = scriptedCall({ now: MON_10AM_NY });
    await call.say("i want to schedule an appointment");
    expect(spoken(await call.say("whats your schedule"))).toMatch(/^We're open Monday and Tuesday from 9 .* May I have your name, please\?$/);
    expect(spoken(await call.say("jordan"))).toBe("Thanks, Jordan. And what's the best number to reach you?");
    expect(spoken(await call.say("Where can I park my car?"))).toMatch(/free parking behind the building.* And what's the best number to reach you\?$/);
    expect(spoken(await call.say("five five five one two three four"))).toBe("I have 5 5 5, 1 2 3 4 — is that right?");
    expect(spoken(await call.say("are you open on saturday"))).toMatch(/^On Saturday we're open .* I have 5 5 5, 1 2 3 4 — is that right\?$/);
    expect(calls(await call.say("yes"))[0]!.args).toMatchObject({ callerName: "Jordan", callbackNumber: "5551234", message: "I want to schedule an appointment" });

    // A question the configuration does not answer: said so, and the form goes on.
    const unknown = scriptedCall({});
    await unknown.say("leave a message");
    await unknown.say("this is jordan");
    await unknown.say("i will be late");
    expect(spoken(await unknown.say("what's your email"))).toBe(
      "I'm not sure about that, but the team can tell you when they call back. And what's the best number to reach you?",
    );

    // What the form asked for wins over a question in the same breath.
    const both = scriptedCall({ now: MON_10AM_NY });
    await both.say("i want to schedule an appointment");
    await both.say("jordan");
    expect(spoken(await both.say("five five five one two three four, are you open on saturday"))).toMatch(/^I have 5 5 5, 1 2 3 4/);
    expect(calls(await both.say("yes what time do you open"))[0]!.args).toMatchObject({ callbackNumber: "5551234" });
  });

  it("volunteered details: an urgent matter or a number starts a message, a name is an introduction", async () => {
    const urgent = scriptedCall({});
    expect(spoken(await urgent.say("My tooth is killing me, it's urgent"))).toBe(
      "I'm sorry to hear that. I'll mark your message as urgent for the team. May I have your name, please?",
    );
    await urgent.say("sam");
    await urgent.say("five five five one two three four");
    expect(calls(await urgent.say("yes"))[0]!.args).toMatchObject({ callerName: "Sam", message: "My tooth is killing me, it's urgent", urgency: "HIGH" });

    const bare = scriptedCall({});
    expect(spoken(await bare.say("it's urgent"))).toMatch(/mark your message as urgent.*May I have your name/);
    await bare.say("sam");
    expect(spoken(await bare.say("call me"))).toBe("Got it. And what's the best number to reach you?"); // "it's urgent" alone was not the message

    const number = scriptedCall({});
    expect(spoken(await number.say("you can reach me at two one seven five five five zero one nine nine"))).toBe(
      "Thanks, I'll take a message for the team. May I have your name, please?",
    );

    // "I'm running late" is no name; it is news for the team.
    const late = scriptedCall({});
    expect(spoken(await late.say("I'm running late for my 3 o'clock"))).toBe(
      "Thanks for letting us know. I'll pass that on to the team. May I have your name, please?",
    );
    await late.say("i am alex");
    await late.say("five five five one two three four");
    expect(calls(await late.say("yes"))[0]!.args).toMatchObject({ callerName: "Alex", message: "I'm running late for my 3 o'clock" });

    const intro = scriptedCall({});
    expect(spoken(await intro.say("hi, my name is Jordan Lee"))).toBe("Hi Jordan Lee, how can I help you today?");
    expect(spoken(await intro.say("hi this is jordan what time do you open on saturday"))).toContain("On Saturday we're open");
    // Right after a message was offered, a name starts it.
    const offered = scriptedCall({});
    await offered.say("do you do braces");
    expect(spoken(await offered.say("my name is jordan lee"))).toBe("Sure, Jordan Lee, I can take a message. What message would you like me to pass on?");
  });

  it("a failed take_message: apologises and asks again for what failed", async () => {
    let attempt = 0;
    const call = scriptedCall({
      toolResult: () => (++attempt === 1 ? { ok: false, error: "callbackNumber: not a valid phone number", field: "callbackNumber" } : { ok: true }),
    });
    await call.say("leave a message");
    await call.say("my name is peter");
    await call.say("call me back");
    await call.say("five five five one two three four");
    const failed = await call.say("yes");
    expect(failed[1]!.text).toBe("I'm sorry, I couldn't use that number. And what's the best number to reach you?");
    await call.say("five five five nine eight seven six");
    const ok = await call.say("correct");
    expect(calls(ok)[0]!.args).toMatchObject({ callbackNumber: "5559876" });
    expect(ok[1]!.text).toContain("I'll make sure they get your message");

    let n = 0;
    const storage = scriptedCall({ toolResult: () => (++n === 1 ? { ok: false, error: "database unavailable" } : { ok: true }) });
    await storage.say("leave a message");
    await storage.say("my name is peter");
    await storage.say("call me back");
    await storage.say("five five five one two three four");
    expect((await storage.say("yes"))[1]!.text).toBe("I'm sorry, something went wrong while saving your message. Shall I try again?");
    expect(calls(await storage.say("yes")).map((c) => c.name)).toEqual(["take_message"]);
  });

  it("goes on without a name or message the recogniser could not understand", async () => {
    const call = scriptedCall({});
    await call.say("i'd like to leave a message");
    expect(spoken(await call.say("", false))).toBe("Sorry, I didn't catch your name. Could you say it again?");
    expect(spoken(await call.say("", false))).toBe("I'm sorry, I couldn't catch your name, but that's okay. What message would you like me to pass on?");
    await call.say("", false);
    expect(spoken(await call.say("", false))).toContain("so I'll ask them to call you back. And what's the best number to reach you?");
    await call.say("five five five one two three four");
    const done = await call.say("yes");
    expect(calls(done)[0]!.args).toMatchObject({ callerName: "Unknown caller", message: expect.stringContaining("could not be transcribed") });
  });

  it("without the take_message tool it does not pretend to take one", async () => {
    const call = scriptedCall({ profile: dentalProfile({ tools: ["end_call"] }) });
    expect(spoken(await call.say("can i leave a message"))).toBe(
      "I'm sorry, I can't take messages on this line. I can help with our opening hours, our address, and our services.",
    );
  });
});

describe("local responder: transfer, after hours, goodbye", () => {
  it("a person request transfers with an announcement when a number is set", async () => {
    const call = scriptedCall({});
    const rounds = await call.say("can i talk to a real person");
    expect(rounds[0]!.text).toBe("Sure, let me transfer you now.");
    expect(rounds[0]!.calls.map((c) => c.name)).toEqual(["transfer_call"]);
    expect(rounds[1]!.text).toBe(""); // nothing more after a successful transfer
  });

  it("DTMF 0 (an event item) asks for a human", async () => {
    const call = scriptedCall({});
    expect(calls(await call.event("caller pressed 0 (asks for a human)")).map((c) => c.name)).toEqual(["transfer_call"]);
  });

  it("without a transfer number it says so and offers a message", async () => {
    const call = scriptedCall({ profile: dentalProfile({ transferPhoneNumber: null }) });
    const rounds = await call.say("operator");
    expect(calls(rounds)).toEqual([]);
    expect(spoken(rounds)).toBe(
      "I'm sorry, there's no one available to take your call right now. I can take a message and someone will get back to you. Would you like to leave a message?",
    );
    expect(spoken(await call.say("yes please"))).toBe("Sure, I can take a message. May I have your name, please?");
  });

  it("a failed transfer apologises and offers a message", async () => {
    const call = scriptedCall({ toolResult: () => ({ ok: false, error: "no transfer number" }) });
    const rounds = await call.say("speak to a representative");
    expect(rounds[1]!.text).toBe(
      "I'm sorry, I wasn't able to transfer your call. I can take a message and someone will get back to you. Would you like to leave a message?",
    );
  });

  it("after-hours mode: says it is closed, still answers, steers to a message, never transfers", async () => {
    const call = scriptedCall({ mode: "after_hours_message", now: new Date("2026-03-10T00:30:00Z") }); // Mon 8:30 PM EDT
    expect(spoken(await call.say("what are your hours"))).toMatch(
      /We're closed on Sunday\. We're closed right now; we open again tomorrow at 9 AM\. Would you like to leave a message\?$/,
    );
    expect(spoken(await call.say("where are you located"))).toBe("We're located at 12 Main Street, Springfield. Would you like to leave a message?");
    const human = await call.say("let me talk to someone");
    expect(calls(human)).toEqual([]);
    expect(spoken(human)).toContain("the office is closed right now");
    expect(spoken(await call.say("yes"))).toBe("Sure, I can take a message. May I have your name, please?");
  });

  it("thanks → anything else; goodbye → end_call, or just goodbye when the tool is off", async () => {
    const call = scriptedCall({});
    expect(spoken(await call.say("thank you"))).toBe("You're welcome! Is there anything else I can help you with?");
    const bye = await call.say("no thank you bye");
    expect(calls(bye).map((c) => c.name)).toEqual(["end_call"]);
    const noTool = scriptedCall({ profile: dentalProfile({ tools: [] }) });
    const rounds = await noTool.say("okay thanks goodbye");
    expect(spoken(rounds)).toBe("Thank you for calling Bright Smile Dental. Goodbye!");
    expect(calls(rounds)).toEqual([]);
  });
});

describe("local responder: streaming, abort, state", () => {
  const req = (history: ConversationItem[], signal = new AbortController().signal): RespondRequest => {
    const profile = dentalProfile();
    return { profile, mode: "normal", history, tools: profile.tools.map((name) => ({ name, description: "", parameters: {} })), now: MON_10AM_NY, signal };
  };

  it("streams the reply as several word-group deltas that join to the full text", async () => {
    const r = localResponderProvider.create(dentalProfile());
    const deltas: string[] = [];
    for await (const e of r.respond(req([{ role: "caller", text: "what are your hours on saturday", understood: true }]))) {
      if (e.type === "text") deltas.push(e.delta);
      expect(e.type).not.toBe("usage");
    }
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join("")).toMatch(/^On Saturday we're open from 9 in the morning to 1 in the afternoon\./);
    expect(wordGroups("a b c d e")).toEqual(["a b c ", "d e"]);
  });

  it("stops promptly when the signal aborts", async () => {
    const r = localResponderProvider.create(dentalProfile());
    const ac = new AbortController();
    const got: string[] = [];
    for await (const e of r.respond(req([{ role: "caller", text: "what are your hours", understood: true }], ac.signal))) {
      if (e.type === "text") got.push(e.delta);
      ac.abort();
    }
    expect(got).toHaveLength(1);
    const pre = new AbortController();
    pre.abort();
    const none: unknown[] = [];
    for await (const e of r.respond(req([{ role: "caller", text: "hello", understood: true }], pre.signal))) none.push(e);
    expect(none).toEqual([]);
  });

  it("a fresh responder derives the form state from history", async () => {
    const call = scriptedCall({});
    await call.say("i'd like to leave a message");
    await call.say("my name is lisa");
    await call.say("please call me about my bill");
    await call.say("five five five one two three four");
    call.history.push({ role: "caller", text: "yes", understood: true });
    const fresh = localResponderProvider.create(dentalProfile());
    const events = [];
    for await (const e of fresh.respond(req(call.history))) events.push(e);
    expect(events).toEqual([
      { type: "tool_call", id: "local-call-1", name: "take_message", args: { callerName: "Lisa", callbackNumber: "5551234", message: "Please call me about my bill", urgency: "NORMAL" } },
    ]);
  });
});

describe("local responder: table rows from documents", () => {
  it("reads a spreadsheet row the way a receptionist would", () => {
    expect(spokenTableRow("Treatment: Teeth whitening (in office); Price without insurance: $399; Notes: One 90-minute visit.")).toBe(
      "Teeth whitening (in office): price without insurance, $399. One 90-minute visit.",
    );
    expect(spokenTableRow("Plan: Basic; Price: $10")).toBe("Basic: price, $10.");
    expect(spokenTableRow("Product: Espresso; SKU: E-1; Description: Single shot")).toBe("Espresso: SKU, E-1. Single shot.");
    // Prose with a colon, or a row with a part that is not "Header: value", stays as written.
    expect(spokenTableRow("Note: we are closed on public holidays.")).toBeNull();
    expect(spokenTableRow("Hours: 9 to 5; closed on Sundays")).toBeNull();
  });
});
