// The TwiML documents the voice webhook answers with, built with the twilio package (escaping and
// element names are its job). Only strings leave this file: no SDK type crosses lib/providers/twilio/.
import VoiceResponse from "twilio/lib/twiml/VoiceResponse";

type StreamAnswer = {
  /** wss://…/twilio/media-stream: Twilio drops query strings here, so everything goes in parameters. */
  streamUrl: string;
  parameters: Record<string, string>;
};

/** <Connect><Stream> with <Parameter>s: the call stays connected as long as the stream is open. */
export function connectStreamTwiml(answer: StreamAnswer): string {
  const response = new VoiceResponse();
  const stream = response.connect().stream({ url: answer.streamUrl });
  for (const [name, value] of Object.entries(answer.parameters)) stream.parameter({ name, value });
  return response.toString();
}

/** A spoken refusal, then hang up. */
export function sayAndHangUpTwiml(message: string, opts: { language?: string } = {}): string {
  const response = new VoiceResponse();
  response.say({ language: opts.language as VoiceResponse.SayAttributes["language"] | undefined }, message);
  response.hangup();
  return response.toString();
}

/**
 * Announce, then hand the call to another number. `action`: where Twilio posts the <Dial> leg's outcome
 * (DialCallStatus, DialCallDuration) when it ends; that leg is billed apart and costed from it.
 */
export function sayAndDialTwiml(message: string, number: string, opts: { language?: string; action?: string } = {}): string {
  const response = new VoiceResponse();
  response.say({ language: opts.language as VoiceResponse.SayAttributes["language"] | undefined }, message);
  response.dial(opts.action ? { action: opts.action, method: "POST" } : {}, number);
  return response.toString();
}

/** Ends the call (the answer to a <Dial> action once the transferred leg is over). */
export function hangUpTwiml(): string {
  const response = new VoiceResponse();
  response.hangup();
  return response.toString();
}

/** An empty answer (status callbacks need none; Twilio accepts an empty <Response/>). */
export function emptyTwiml(): string {
  return new VoiceResponse().toString();
}
