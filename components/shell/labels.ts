import type { Plan, Role } from "./viewer";

export const PLAN_LABELS: Record<Plan, string> = {
  FREE: "Free",
  STARTER: "Starter",
  GROWTH: "Growth",
  ENTERPRISE: "Enterprise",
};

export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: "Admin",
  USER: "Member",
};
