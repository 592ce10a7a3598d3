// With SMTP_URL set, an invite is mailed through nodemailer to a local smtp-server started here: one
// message to the invited address with the accept link in its text and HTML, and the API response
// carries no link (it went out by email). The link from the mail is the one that works.
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SMTPServer } from "smtp-server";
import * as invites from "@/app/api/v1/team/invites/route";
import { findInvite } from "../auth/accept-invite";
import { getDb } from "../db/client";
import { apiRequest, createTestTenant, json, unique, type TestTenant } from "../test/factories";

type Received = { to: string[]; raw: string };
const received: Received[] = [];
let server: SMTPServer;
let t: TestTenant;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8") });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  // Before anything reads the environment (getEnv() parses it once per test file).
  process.env.SMTP_URL = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  process.env.MAIL_FROM = "Frontdesk Test <team@test.example>";
  t = await createTestTenant("Mailed Clinic");
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("invite email", () => {
  it("mails the link (text and HTML) to the invited address", async () => {
    const email = `mailed-${unique()}@test.example`;
    const res = await json(await invites.POST(apiRequest("POST", "/api/v1/team/invites", { cookie: t.admin.cookie, body: { email, role: "ADMIN" } })));
    expect(res.status).toBe(201);
    expect(res.body.data.delivery).toEqual({ via: "email" });

    expect(received).toHaveLength(1);
    const mail = received[0]!;
    expect(mail.to).toEqual([email]);
    // Unfold quoted-printable soft line breaks before looking for the link.
    const raw = mail.raw.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
    expect(raw).toMatch(/^From: Frontdesk Test <team@test\.example>/m);
    expect(raw).toMatch(/^Subject: Ada Admin invited you to Mailed Clinic on Frontdesk/m);
    expect(raw).toContain("Content-Type: text/plain");
    expect(raw).toContain("Content-Type: text/html");
    const token = raw.match(/\/invite\/([A-Za-z0-9_-]{43})/)?.[1];
    expect(token).toBeDefined();
    expect(await findInvite(getDb(), token!)).toMatchObject({ state: "valid", invite: { email, role: "ADMIN", workspace: "Mailed Clinic" } });
  });
});
