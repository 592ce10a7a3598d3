// What each plan allows. Copied onto the tenant at creation so a super admin can override per tenant.
import type { Plan } from "../db/generated/enums";

export type PlanQuotas = {
  monthlyMinutesQuota: number;
  maxAgents: number;
  maxPhoneNumbers: number;
  maxKnowledgeDocuments: number;
  /** Total size of the knowledge files (uploads and imported pages). */
  maxKnowledgeMegabytes: number;
  maxConcurrentCalls: number;
};

export const PLAN_QUOTAS: Record<Plan, PlanQuotas> = {
  FREE: { monthlyMinutesQuota: 60, maxAgents: 2, maxPhoneNumbers: 1, maxKnowledgeDocuments: 20, maxKnowledgeMegabytes: 50, maxConcurrentCalls: 1 },
  STARTER: { monthlyMinutesQuota: 500, maxAgents: 5, maxPhoneNumbers: 3, maxKnowledgeDocuments: 100, maxKnowledgeMegabytes: 500, maxConcurrentCalls: 3 },
  GROWTH: { monthlyMinutesQuota: 2_500, maxAgents: 20, maxPhoneNumbers: 10, maxKnowledgeDocuments: 500, maxKnowledgeMegabytes: 2_000, maxConcurrentCalls: 10 },
  ENTERPRISE: { monthlyMinutesQuota: 20_000, maxAgents: 200, maxPhoneNumbers: 100, maxKnowledgeDocuments: 5_000, maxKnowledgeMegabytes: 20_000, maxConcurrentCalls: 50 },
};

/** First instant of the UTC month containing `at`: usage is rolled up per calendar month. */
export function monthStart(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
}

export function nextMonthStart(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
}
