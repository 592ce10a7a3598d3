// The rules for a new password, shared by the server's schemas (sign-up and password change,
// lib/auth) and the forms that check them before sending. Client-safe (lib/auth is server code as a
// whole); guessability is checked on the server only (lib/auth/password-strength.ts).
import { text } from "../http/text";

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

/** A new password: PASSWORD_MIN..PASSWORD_MAX characters, kept as typed (not trimmed). */
export function newPasswordField() {
  return text({ label: "Password", min: PASSWORD_MIN, max: PASSWORD_MAX, trim: false });
}
