// Twilio's call identifier: "CA" + 32 hex digits. Shared by the voice and status webhooks.
import { randomBytes } from "node:crypto";
import { z } from "zod";

export const callSidSchema = z.string().regex(/^CA[0-9a-fA-F]{32}$/, "CallSid must be CA followed by 32 hex digits");

/** A fresh Twilio-style sid (call "CA", stream "MZ", account "AC"), as the simulator and tests make them. */
export const newTwilioSid = (prefix: "CA" | "MZ" | "AC") => `${prefix}${randomBytes(16).toString("hex")}`;
