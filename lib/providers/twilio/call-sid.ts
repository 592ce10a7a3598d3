// Twilio's call identifier: "CA" + 32 hex digits. Shared by the voice and status webhooks.
import { z } from "zod";

export const callSidSchema = z.string().regex(/^CA[0-9a-fA-F]{32}$/, "CallSid must be CA followed by 32 hex digits");
