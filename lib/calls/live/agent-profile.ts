// The agent as the conversation engine sees it for one call: its configuration, the business name, the
// FAQ entries it may answer from (its own and the workspace-wide ones) and the phrases its knowledge
// adds to the local recogniser's grammar, read once when the call connects. A call keeps the profile it
// started with: editing the agent (or its knowledge) mid-call changes the next call.
import { WEEKDAYS } from "../../agents/options";
import { businessHoursSchema } from "../../agents/schemas";
import type { AgentTool } from "../../db/generated/enums";
import type { AgentProfile, ToolName } from "../../providers/responder/types";
import type { ScopedDb } from "../../tenant/scoped-db";

const TOOL_NAMES: Record<AgentTool, ToolName> = {
  KNOWLEDGE_SEARCH: "search_knowledge",
  TAKE_MESSAGE: "take_message",
  TRANSFER_CALL: "transfer_call",
  END_CALL: "end_call",
};

/** FAQ entries read per call: enough for any real FAQ, bounded so a runaway import cannot stall a call. */
const FAQ_LIMIT = 500;
/** The vocabulary job bounds the list already; this bounds what a call carries whatever wrote the column. */
const KNOWLEDGE_PHRASES_LIMIT = 500;

// Stored hours that do not parse count as always open, as isOpenAt does: a data mistake must not make
// the agent tell every caller the office is closed.
const ALWAYS_OPEN = Object.fromEntries(WEEKDAYS.map((d) => [d, [{ open: "00:00", close: "24:00" }]])) as AgentProfile["businessHours"];

export async function loadAgentProfile(db: ScopedDb, agentId: string): Promise<AgentProfile | null> {
  const [agent, tenant, faq] = await Promise.all([
    db.agent.findUnique({ where: { id: agentId } }),
    db.tenant.findFirst({ select: { id: true, name: true } }),
    db.faqEntry.findMany({
      where: { enabled: true, OR: [{ agentId }, { agentId: null }] },
      select: { id: true, question: true, answer: true },
      orderBy: { createdAt: "asc" },
      take: FAQ_LIMIT,
    }),
  ]);
  if (!agent || !tenant) return null;
  const hours = businessHoursSchema.safeParse(agent.businessHours);
  return {
    agentId: agent.id,
    tenantId: tenant.id,
    businessName: tenant.name,
    agentName: agent.name,
    greeting: agent.greeting,
    systemPrompt: agent.systemPrompt,
    language: agent.language,
    voiceId: agent.voiceId,
    ttsModel: agent.ttsModel,
    llmModel: agent.llmModel,
    temperature: agent.temperature,
    timezone: agent.timezone,
    businessHours: hours.success ? hours.data : ALWAYS_OPEN,
    address: agent.address,
    services: agent.services,
    faq,
    knowledgePhrases: agent.knowledgePhrases.slice(0, KNOWLEDGE_PHRASES_LIMIT),
    transferPhoneNumber: agent.transferPhoneNumber,
    afterHoursMessage: agent.afterHoursMessage,
    silenceTimeoutSec: agent.silenceTimeoutSec,
    maxCallDurationSec: agent.maxCallDurationSec,
    tools: agent.tools.map((t) => TOOL_NAMES[t]),
    conversationEngine: agent.conversationEngine,
    realtimeVoice: agent.realtimeVoice,
  };
}
