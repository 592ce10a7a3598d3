// A provider fault (a CallEvent "provider.fault": {provider, capability, error, action}) said in one
// line for people: what failed, and what the platform did about it so the call carried on.
const PROVIDERS: Record<string, string> = { openai: "OpenAI", elevenlabs: "ElevenLabs", twilio: "Twilio" };
const CAPABILITIES: Record<string, string> = { llm: "language model", stt: "speech recognition", tts: "voice", telephony: "telephony" };
const ACTIONS: Record<string, string> = {
  retry: "asked again",
  fallback_model: "switched to the fallback model",
  apology: "the agent apologised and carried on",
  reconnect: "reconnected and replayed the caller's audio",
  fallback_utterance: "transcribed each utterance separately",
  fallback_voice: "finished with the backup voice",
};

const text = (v: unknown) => (typeof v === "string" ? v : "");

export function providerFaultLine(payload: Record<string, unknown> | null | undefined): string {
  const p = payload ?? {};
  const who = [PROVIDERS[text(p.provider)] ?? text(p.provider), CAPABILITIES[text(p.capability)] ?? text(p.capability)].filter(Boolean).join(" ") || "A provider";
  const action = ACTIONS[text(p.action)] ?? text(p.action).replaceAll("_", " ");
  const error = text(p.error);
  return `${who} failed${error ? ` (${error})` : ""}${action ? `: ${action}` : ""}`;
}
