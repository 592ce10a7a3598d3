import { describe, expect, it } from "vitest";
import { connectStreamTwiml, sayAndDialTwiml, sayAndHangUpTwiml } from "../../lib/providers/twilio/twiml";
import { SimError } from "./errors";
import { parseTwimlAnswer } from "./twiml";

function fails(xml: string): SimError {
  try {
    parseTwimlAnswer(xml);
  } catch (err) {
    expect(err).toBeInstanceOf(SimError);
    return err as SimError;
  }
  throw new Error("expected the TwiML to be rejected");
}

describe("parseTwimlAnswer", () => {
  it("reads the stream URL and its parameters from what the voice webhook answers", () => {
    const xml = connectStreamTwiml({ streamUrl: "wss://voice.example.com/twilio/media-stream", parameters: { callId: "c1", callToken: "v1.c1.99.a&b<c>", mode: "after_hours_message" } });
    expect(parseTwimlAnswer(xml)).toEqual({
      kind: "stream",
      url: "wss://voice.example.com/twilio/media-stream",
      parameters: { callId: "c1", callToken: "v1.c1.99.a&b<c>", mode: "after_hours_message" },
      say: [],
    });
  });

  it("reads a refusal: the spoken sentence and the hang-up", () => {
    const xml = sayAndHangUpTwiml("Sorry, the number you have called is not in service. Goodbye.", { language: "en-US" });
    expect(parseTwimlAnswer(xml)).toEqual({ kind: "hangup", say: ["Sorry, the number you have called is not in service. Goodbye."] });
  });

  it("decodes entities in spoken text and attributes", () => {
    const xml = `<?xml version="1.0"?><Response><Say>Tom &amp; Jerry&#39;s &#x263A;</Say><Hangup/></Response>`;
    expect(parseTwimlAnswer(xml)).toEqual({ kind: "hangup", say: ["Tom & Jerry's ☺"] });
  });

  it("reads a transfer", () => {
    expect(parseTwimlAnswer(sayAndDialTwiml("Please hold.", "+15550100002"))).toEqual({ kind: "dial", say: ["Please hold."], number: "+15550100002" });
  });

  it("treats TwiML that runs out without a stream as a hang-up, as Twilio does", () => {
    expect(parseTwimlAnswer("<Response/>")).toEqual({ kind: "hangup", say: [] });
    expect(parseTwimlAnswer("<Response><Say>Bye</Say></Response>")).toEqual({ kind: "hangup", say: ["Bye"] });
  });

  it("ignores verbs after a hang-up, like Twilio", () => {
    expect(parseTwimlAnswer("<Response><Say>Closed</Say><Hangup/><Play>x.mp3</Play></Response>")).toEqual({ kind: "hangup", say: ["Closed"] });
  });

  it("rejects what it cannot act on, with stable codes", () => {
    expect(fails("<html>502 Bad Gateway</html>").code).toBe("WEBHOOK_FAILED");
    expect(fails("").code).toBe("WEBHOOK_FAILED");
    expect(fails("<Response><Say>a</Hangup></Response>").code).toBe("WEBHOOK_FAILED");
    expect(fails("<Response><Connect><Stream/></Connect></Response>").code).toBe("WEBHOOK_FAILED");
    expect(fails("<Response><Gather input='speech'/></Response>").code).toBe("UNSUPPORTED");
    expect(fails('<Response><Start><Stream url="wss://x"/></Start></Response>').code).toBe("UNSUPPORTED");
  });
});
