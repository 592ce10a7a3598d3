// The team's inputs, shared by the route handlers and the Settings → Team forms (client-safe).
import { z } from "zod";
import { text } from "../http/text";
import { newPasswordField } from "../text/password-rules";

export const roleSchema = z.enum(["ADMIN", "USER"]);

export const inviteCreateSchema = z
  .object({
    email: text({ label: "Email", max: 254 }).toLowerCase().email("Enter a valid email address"),
    role: roleSchema.default("USER"),
  })
  .strict();
export type InviteCreateInput = z.infer<typeof inviteCreateSchema>;

export const memberUpdateSchema = z.object({ role: roleSchema }).strict();

/** Accepting an invite: a new person names themselves and picks a password; a signed-in one sends only the token. */
export const inviteAcceptSchema = z
  .object({
    token: z.string().max(100),
    name: text({ label: "Your name", min: 1, max: 100 }).optional(),
    password: newPasswordField().optional(),
  })
  .strict();
export type InviteAcceptInput = z.infer<typeof inviteAcceptSchema>;

export const switchTenantSchema = z.object({ tenantId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Not a workspace id") }).strict();
