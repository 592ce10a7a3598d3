import { describe, expect, it } from "vitest";
import { readBackDigits } from "../../providers/responder/local/spoken-digits";
import { expectedAnswer } from "./expected-answer";

describe("expectedAnswer", () => {
  it.each([
    "And what's the best number to reach you?",
    "Sorry about that. What's the best number to reach you?",
    "Could you give me your phone number?",
    "What's your zip code?",
    "Sorry, I didn't catch that. Could you say the number one digit at a time?",
    // A number read back: the caller confirms or says it again.
    "I have five five five, one two three four — is that right?",
    "Okay, five five five. And the rest?",
    "I have 555-123-4567, is that right?",
    // The local responder's read-backs, written one digit at a time.
    `I have ${readBackDigits("5551234")} — is that right?`,
    `Okay, ${readBackDigits("555")}. And the rest?`,
    `Is ${readBackDigits("5551234")} the right number? Please say yes or no.`,
    "Is there a good time to call you back?",
    "Could I get your name and the best number to reach you?",
  ])("a number after: %s", (said) => expect(expectedAnswer(said)).toBe("number"));

  it.each([
    "Sure, I can take a message. May I have your name, please?",
    "Sorry, I didn't catch your name. Could you say it again?",
    "Thanks for calling Bright Smile Dental. How can I help you today?",
    "Thank you for calling Bright Smile Dental, this is Ava. How can I help you today?",
    "I'm sorry, I couldn't catch your name, but that's okay. What message would you like me to pass on?",
    // The number was read back in an earlier sentence; the last question asks for anything.
    `Thank you. Someone will call you back at ${readBackDigits("5551234")}. Is there anything else I can help you with?`,
    "We're open from nine to five on Saturday. Would you like to leave a message?",
    "Who should I say is calling?",
    "The whitening costs 250 dollars.",
    "We're at 12 Main Street.",
    "Our hours are 9 to 5, 6 days a week.",
    "It takes 1, maybe 2 visits.",
    "Are you still there?",
    "",
  ])("anything after: %s", (said) => expect(expectedAnswer(said)).toBe("open"));
});
