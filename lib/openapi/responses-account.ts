// zod schemas of the account, team and audit JSON (lib/auth, lib/tenant/workspaces.ts, lib/team,
// lib/audit/serialize.ts) for the OpenAPI document; the checks at the bottom fail `tsc` on drift.
import { z } from "zod";
import type { toAuditEntryJson } from "../audit/serialize";
import type { toMeJson } from "../auth/me-json";
import type { Profile } from "../auth/profile";
import type { ActiveSession } from "../auth/sessions";
import { Plan, Role } from "../db/generated/enums";
import type { Delivery } from "../team/invite-mail";
import type { toInviteJson } from "../team/invites";
import type { toMemberJson } from "../team/members";
import type { Workspace } from "../tenant/workspaces";
import { jsonValue } from "./responses-calls";
import { iso, type Jsonified, type Same } from "./responses";

const profile = { id: z.string(), name: z.string(), email: z.string() };
export const profileJsonSchema = z.object(profile).meta({ id: "Profile" });

export const meJsonSchema = z
  .object({
    user: z.object({ ...profile, isSuperAdmin: z.boolean() }),
    tenant: z.object({ id: z.string(), name: z.string(), plan: z.enum(Plan), status: z.string(), country: z.string().describe("ISO 3166-1 alpha-2: where national phone numbers are read") }),
    limits: z.object({ maxAgents: z.number().int(), maxPhoneNumbers: z.number().int() }),
    role: z.enum(Role),
  })
  .meta({ id: "Me" });

export const sessionJsonSchema = z
  .object({ id: z.string(), createdAt: iso, lastSeenAt: iso, ip: z.string().nullable(), userAgent: z.string().nullable(), current: z.boolean().describe("The browser asking") })
  .meta({ id: "Session" });

export const workspaceJsonSchema = z
  .object({ id: z.string(), name: z.string(), role: z.enum(Role), status: z.string(), current: z.boolean().describe("The session's active workspace") })
  .meta({ id: "Workspace" });

export const memberJsonSchema = z
  .object({ id: z.string().describe("The membership's id"), userId: z.string(), name: z.string(), email: z.string(), role: z.enum(Role), joinedAt: iso, you: z.boolean() })
  .meta({ id: "Member" });

export const inviteJsonSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    role: z.enum(Role),
    expiresAt: iso,
    createdAt: iso,
    invitedBy: z.object({ name: z.string(), email: z.string() }).nullable(),
    expired: z.boolean(),
  })
  .meta({ id: "Invite" });

const deliverySchema = z
  .discriminatedUnion("via", [z.object({ via: z.literal("email") }), z.object({ via: z.literal("link"), link: z.string(), mailFailed: z.literal(true).optional() })])
  .describe("Mailed, or (without SMTP, or when mailing failed) the link for the admin to pass on");
export const sentInviteJsonSchema = inviteJsonSchema.extend({ delivery: deliverySchema }).meta({ id: "SentInvite" });

export const auditEntryJsonSchema = z
  .object({
    id: z.string(),
    tenant: z.object({ id: z.string(), name: z.string() }).nullable().describe("null for platform-level actions"),
    actor: z.discriminatedUnion("type", [
      z.object({ type: z.literal("user"), id: z.string(), name: z.string(), email: z.string() }),
      z.object({ type: z.literal("api_key"), id: z.string(), name: z.null(), email: z.null() }),
      z.object({ type: z.literal("system"), id: z.null(), name: z.string().nullable().describe("Which part of the system, when known"), email: z.null() }),
    ]),
    action: z.string().describe('e.g. "agent.create", "tenant.suspend"'),
    target: z.object({ type: z.string(), id: z.string().nullable() }).nullable(),
    metadata: jsonValue,
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    createdAt: iso,
  })
  .meta({ id: "AuditEntry" });

// Compile-time: each schema's type and its serializer's output (or the value the route answers with) are the same shape.
const meMatches: Same<z.infer<typeof meJsonSchema>, ReturnType<typeof toMeJson>> = true;
const profileMatches: Same<z.infer<typeof profileJsonSchema>, Profile> = true;
const sessionMatches: Same<z.infer<typeof sessionJsonSchema>, Jsonified<ActiveSession>> = true;
const workspaceMatches: Same<z.infer<typeof workspaceJsonSchema>, Workspace> = true;
const memberMatches: Same<z.infer<typeof memberJsonSchema>, ReturnType<typeof toMemberJson>> = true;
const inviteMatches: Same<z.infer<typeof inviteJsonSchema>, ReturnType<typeof toInviteJson>> = true;
const sentInviteMatches: Same<z.infer<typeof sentInviteJsonSchema>, ReturnType<typeof toInviteJson> & { delivery: Delivery }> = true;
const auditMatches: Same<z.infer<typeof auditEntryJsonSchema>, ReturnType<typeof toAuditEntryJson>> = true;
void [meMatches, profileMatches, sessionMatches, workspaceMatches, memberMatches, inviteMatches, sentInviteMatches, auditMatches];
