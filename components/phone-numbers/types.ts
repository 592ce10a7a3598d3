// A phone number as the REST API returns it (GET /api/v1/phone-numbers).
export type PhoneNumber = {
  id: string;
  e164: string;
  label: string | null;
  agentId: string | null;
  agent: { id: string; name: string } | null;
  provider: "LOCAL" | "TWILIO";
  createdAt: string;
  updatedAt: string;
};
