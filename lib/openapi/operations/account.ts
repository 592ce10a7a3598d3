// The signed-in person, the team, API keys, audit and browser tokens: sessions only (keys cannot
// manage keys or people), except the workspace's audit log, which integrations may read.
import { z } from "zod";
import { apiKeyCreateSchema, apiKeyJsonSchema, createdApiKeyJsonSchema } from "../../api-keys/schemas";
import { auditListQuerySchema } from "../../audit/list-query";
import { changePasswordSchema } from "../../auth/change-password";
import { profileUpdateSchema } from "../../auth/profile";
import { pageQuerySchema } from "../../http/page";
import { idParams } from "../../http/params";
import { inviteAcceptSchema, inviteCreateSchema, memberUpdateSchema, switchTenantSchema } from "../../team/schemas";
import { op } from "../registry";
import { dataOf, pageOf } from "../responses";
import { auditEntryJsonSchema, inviteJsonSchema, meJsonSchema, memberJsonSchema, profileJsonSchema, sentInviteJsonSchema, sessionJsonSchema, workspaceJsonSchema } from "../responses-account";

export const accountOperations = [
  op({ method: "GET", path: "/api/v1/me", tag: "Account", summary: "Who you are, your workspace, its limits and your role", auth: "session", response: { status: 200, description: "You", schema: dataOf(meJsonSchema) } }),
  op({ method: "PATCH", path: "/api/v1/me", tag: "Account", summary: "Change your name or email", description: "A new email needs currentPassword.", auth: "session", body: profileUpdateSchema, response: { status: 200, description: "Your profile", schema: dataOf(profileJsonSchema) }, errors: ["EMAIL_TAKEN"] }),
  op({ method: "POST", path: "/api/v1/me/password", tag: "Account", summary: "Change your password", description: "Signs out your other sessions.", auth: "session", body: changePasswordSchema, response: { status: 200, description: "Changed", schema: dataOf(z.object({ changed: z.literal(true) })) } }),
  op({ method: "GET", path: "/api/v1/me/sessions", tag: "Account", summary: "Your signed-in browsers", auth: "session", response: { status: 200, description: "Sessions", schema: dataOf(z.array(sessionJsonSchema)) } }),
  op({ method: "DELETE", path: "/api/v1/me/sessions/{id}", tag: "Account", summary: "Sign one browser out", auth: "session", params: idParams, response: { status: 204, description: "Signed out" } }),
  op({ method: "POST", path: "/api/v1/me/sessions/revoke-all", tag: "Account", summary: "Sign out everywhere", auth: "session", response: { status: 200, description: "Signed out", schema: dataOf(z.object({ signedOut: z.literal(true) })) } }),
  op({ method: "GET", path: "/api/v1/me/tenant", tag: "Account", summary: "The workspaces you belong to", auth: "session", response: { status: 200, description: "Workspaces", schema: dataOf(z.array(workspaceJsonSchema)) } }),
  op({ method: "POST", path: "/api/v1/me/tenant", tag: "Account", summary: "Switch workspace", auth: "session", body: switchTenantSchema, response: { status: 200, description: "The workspace now active", schema: dataOf(workspaceJsonSchema) } }),
  op({ method: "POST", path: "/api/v1/live/token", tag: "Account", summary: "A short-lived token for the live-calls socket", auth: "session", response: { status: 200, description: "Token and socket URL", schema: dataOf(z.object({ token: z.string(), url: z.string(), expiresInSec: z.number().int() })) } }),

  op({ method: "GET", path: "/api/v1/team/members", tag: "Team", summary: "List the workspace's members", description: "Newest first, a page at a time.", auth: "session", query: pageQuerySchema, response: { status: 200, description: "A page of members", schema: pageOf(memberJsonSchema) } }),
  op({ method: "PATCH", path: "/api/v1/team/members/{id}", tag: "Team", summary: "Change a member's role", auth: "session", adminOnly: true, params: idParams, body: memberUpdateSchema, response: { status: 200, description: "The member", schema: dataOf(memberJsonSchema) }, errors: ["LAST_ADMIN"] }),
  op({ method: "DELETE", path: "/api/v1/team/members/{id}", tag: "Team", summary: "Remove a member", auth: "session", adminOnly: true, params: idParams, response: { status: 204, description: "Removed" }, errors: ["LAST_ADMIN"] }),
  op({ method: "GET", path: "/api/v1/team/invites", tag: "Team", summary: "List pending invites", description: "Newest first, a page at a time.", auth: "session", adminOnly: true, query: pageQuerySchema, response: { status: 200, description: "A page of invites", schema: pageOf(inviteJsonSchema) } }),
  op({ method: "POST", path: "/api/v1/team/invites", tag: "Team", summary: "Invite someone by email", auth: "session", adminOnly: true, body: inviteCreateSchema, response: { status: 201, description: "The invite and how it was delivered", schema: dataOf(sentInviteJsonSchema) }, errors: ["ALREADY_MEMBER"] }),
  op({ method: "DELETE", path: "/api/v1/team/invites/{id}", tag: "Team", summary: "Revoke an invite", auth: "session", adminOnly: true, params: idParams, response: { status: 204, description: "Revoked" } }),
  op({ method: "POST", path: "/api/v1/team/invites/{id}/resend", tag: "Team", summary: "Resend an invite (a new link)", auth: "session", adminOnly: true, params: idParams, response: { status: 200, description: "The invite and how it was delivered", schema: dataOf(sentInviteJsonSchema) } }),
  op({ method: "POST", path: "/api/v1/team/invites/accept", tag: "Team", summary: "Accept an invite", description: "Open to anyone holding the invite link's token.", auth: "public", body: inviteAcceptSchema, response: { status: 200, description: "Joined (and signed in)", schema: dataOf(z.object({ tenantId: z.string(), signedIn: z.boolean() })) }, errors: ["INVITE_INVALID"] }),

  op({ method: "GET", path: "/api/v1/api-keys", tag: "API keys", summary: "List API keys", description: "Never the secrets: only their prefixes.", auth: "session", adminOnly: true, query: pageQuerySchema, response: { status: 200, description: "A page of keys", schema: pageOf(apiKeyJsonSchema) } }),
  op({ method: "POST", path: "/api/v1/api-keys", tag: "API keys", summary: "Create an API key", description: "The response is the only time the key is shown.", auth: "session", adminOnly: true, body: apiKeyCreateSchema, response: { status: 201, description: "The key, with its secret", schema: dataOf(createdApiKeyJsonSchema) } }),
  op({ method: "DELETE", path: "/api/v1/api-keys/{id}", tag: "API keys", summary: "Revoke an API key", description: "Requests with it answer 401 API_KEY_REVOKED from then on.", auth: "session", adminOnly: true, params: idParams, response: { status: 200, description: "The revoked key", schema: dataOf(apiKeyJsonSchema) } }),

  op({ method: "GET", path: "/api/v1/audit", tag: "Audit", summary: "The workspace's audit log", auth: "session+key", adminOnly: true, query: auditListQuerySchema, response: { status: 200, description: "A page of entries", schema: pageOf(auditEntryJsonSchema) } }),
];
