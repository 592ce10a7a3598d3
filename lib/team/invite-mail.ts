// Delivers an invite link: mailed through SMTP_URL (nodemailer) when it is set, otherwise logged, and
// the route hands the link to the admin who sent the invite to pass on themselves.
import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { getEnv } from "../env";
import { getLogger } from "../logger";
import { INVITE_TTL_DAYS } from "./invite-token";

export type InviteMail = { to: string; link: string; workspace: string; inviter: string | null; role: "ADMIN" | "USER" };
/** "email": it went out; "link": nobody was mailed, the admin passes the link on (failed: mailing was tried). */
export type Delivery = { via: "email" } | { via: "link"; link: string; mailFailed?: true };

let transport: { url: string; t: Transporter } | undefined;

function transporter(url: string): Transporter {
  if (transport?.url !== url) transport = { url, t: nodemailer.createTransport(url) };
  return transport.t;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function inviteMessage(m: InviteMail) {
  const who = m.inviter ? `${m.inviter} invited you` : "You are invited";
  const as = m.role === "ADMIN" ? "an admin" : "a member";
  const subject = `${who} to ${m.workspace} on Frontdesk`;
  const text = [
    `${who} to join ${m.workspace} on Frontdesk as ${as}.`,
    "",
    "Accept the invite here:",
    m.link,
    "",
    `The link works for ${INVITE_TTL_DAYS} days. If you did not expect this email, you can ignore it.`,
  ].join("\n");
  const html = `<p>${escapeHtml(who)} to join <strong>${escapeHtml(m.workspace)}</strong> on Frontdesk as ${as}.</p>
<p><a href="${escapeHtml(m.link)}">Accept the invite</a></p>
<p>Or paste this link into your browser:<br>${escapeHtml(m.link)}</p>
<p style="color:#71717a">The link works for ${INVITE_TTL_DAYS} days. If you did not expect this email, you can ignore it.</p>`;
  return { subject, text, html };
}

function fromAddress(): string {
  const env = getEnv();
  return env.MAIL_FROM ?? `Frontdesk <no-reply@${new URL(env.APP_URL).hostname}>`;
}

export async function deliverInvite(m: InviteMail): Promise<Delivery> {
  const log = getLogger("team");
  const url = getEnv().SMTP_URL;
  if (!url) {
    // No mail transport: the link itself is the delivery (the admin copies it from the UI).
    log.info({ to: m.to, workspace: m.workspace, link: m.link }, "invite link (SMTP_URL unset: not mailed)");
    return { via: "link", link: m.link };
  }
  try {
    await transporter(url).sendMail({ from: fromAddress(), to: m.to, ...inviteMessage(m) });
    return { via: "email" };
  } catch (err) {
    log.error({ err, to: m.to }, "invite email failed; the link is shown to the admin instead");
    return { via: "link", link: m.link, mailFailed: true };
  }
}
