// The engine's own lines: what the agent says when the conversation itself (not the responder)
// decides what happens next: greeting, silence, the call's time limit, failures, a terminal tool
// with no words of its own. Kept in one place so the transcript reads consistently.
import type { AgentProfile, ConversationMode } from "../providers/responder/types";

export { HUMAN_REQUEST_EVENT } from "../providers/responder/types";

export function greetingLine(profile: AgentProfile, mode: ConversationMode): string {
  if (mode === "normal") return profile.greeting;
  if (profile.afterHoursMessage?.trim()) return profile.afterHoursMessage.trim();
  return `Thank you for calling ${profile.businessName}. We're closed right now, but I can answer questions or take a message. How can I help?`;
}

export const prompts = {
  silenceReprompt: (count: number) => (count === 1 ? "Are you still there?" : "Hello? I'm still here if you need anything."),
  silenceGoodbye: "I haven't heard anything, so I'll hang up now. Feel free to call back any time. Goodbye!",
  maxDuration: "I'm sorry, we've reached the time limit for this call. Please call back if you need anything else. Goodbye!",
  apology: "Sorry, I'm having trouble right now. Could you say that again?",
  fatalApology: "Sorry, I'm having technical trouble. Please call back a little later. Goodbye!",
  transferAnnouncement: "One moment, I'll connect you with someone now.",
  endCallGoodbye: "Thank you for calling. Goodbye!",
  operatorEnd: "I'm sorry, I have to end the call now. Goodbye.",
} as const;
