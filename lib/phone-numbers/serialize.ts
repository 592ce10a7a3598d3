// The public JSON shape of a phone number.
import type { PhoneNumber } from "../db/generated/client";

export type PhoneNumberWithAgent = PhoneNumber & { agent: { id: string; name: string } | null };

export function toPhoneNumberJson(p: PhoneNumberWithAgent) {
  return {
    id: p.id,
    e164: p.e164,
    label: p.label,
    agentId: p.agentId,
    agent: p.agent ? { id: p.agent.id, name: p.agent.name } : null,
    provider: p.provider,
    // Bought or imported through the Twilio account: releasing it releases it at Twilio too.
    provisioned: p.providerSid !== null,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export type PhoneNumberJson = ReturnType<typeof toPhoneNumberJson>;
