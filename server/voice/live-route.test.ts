// The /live socket on a real voice http server and the in-process bus, with a stand-in for the
// tenant-scoped call lookup: who may open it, what a browser may follow, and what it never receives.
import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { LocalEventBus } from "../../lib/providers/events/local";
import { publishCallEvent, type LiveEvent } from "../../lib/providers/events/types";
import { issueBrowserToken } from "../../lib/realtime/browser-token";
import type { LiveServerMessage } from "../../lib/realtime/live-wire";
import { createVoiceHttpServer, type VoiceHttpServer } from "./http-server";
import { createLiveRoute } from "./live-route";

const logger = pino({ level: "silent" });
const secret = "frontdesk-test-secret-only-for-vitest-runs-0001";
const APP = "http://app.test";
const calls: Record<string, string> = { callA: "tenantA", callA2: "tenantA", callB: "tenantB" };
let clock = new Date();
let bus: LocalEventBus;
let voice: VoiceHttpServer;
let port: number;

beforeAll(async () => {
  bus = new LocalEventBus({ logger });
  const route = createLiveRoute({
    bus,
    logger,
    secret,
    now: () => clock,
    allowedOrigins: new Set([APP]),
    isCallOfTenant: async (tenantId, callId) => calls[callId] === tenantId,
    maxChannels: 3,
  });
  voice = createVoiceHttpServer({ logger, routes: {}, upgradeRoutes: [route] });
  port = await voice.listen(0, "127.0.0.1");
});
afterAll(() => voice.close({ graceMs: 100 }));
afterEach(() => {
  clock = new Date();
});

const token = (tenantId: string, over: { now?: Date; purpose?: "live" | "test-call" } = {}) =>
  issueBrowserToken({ purpose: over.purpose ?? "live", tenantId, userId: "user1", role: "ADMIN", secret, now: over.now });

/** Opens a socket; resolves with it once open, or with the HTTP status that refused the upgrade. */
function open(t: string, origin: string | null = APP): Promise<{ ws: WebSocket; got: LiveServerMessage[] } | number> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/live?token=${encodeURIComponent(t)}`, { headers: origin ? { origin } : {} });
  const got: LiveServerMessage[] = [];
  ws.on("message", (d) => got.push(JSON.parse(d.toString())));
  return new Promise((resolve) => {
    ws.once("open", () => resolve({ ws, got }));
    ws.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
  });
}

async function connected(tenantId: string) {
  const r = await open(token(tenantId));
  if (typeof r === "number") throw new Error(`refused ${r}`);
  return r;
}

const closed = (ws: WebSocket) => new Promise<{ code: number; reason: string }>((resolve) => ws.once("close", (code, reason) => resolve({ code, reason: reason.toString() })));
const ev = (callId: string, tenantId: string, n: number): LiveEvent => ({ type: "dtmf", callId, tenantId, at: new Date().toISOString(), payload: { n } });
const events = (got: LiveServerMessage[]) => got.flatMap((m) => (m.type === "event" ? [m.event] : []));

describe("/live upgrade", () => {
  it("refuses a missing, forged, expired or wrong-purpose token with 401 before upgrading", async () => {
    expect(await open("")).toBe(401);
    expect(await open(`${token("tenantA").slice(0, -4)}AAAA`)).toBe(401);
    expect(await open(token("tenantA", { now: new Date(Date.now() - 120_000) }))).toBe(401);
    expect(await open(token("tenantA", { purpose: "test-call" }))).toBe(401);
  });

  it("refuses another site's page (cross-site WebSocket hijacking) and a missing Origin with 403", async () => {
    expect(await open(token("tenantA"), "https://evil.example")).toBe(403);
    expect(await open(token("tenantA"), null)).toBe(403);
  });
});

describe("/live subscriptions", () => {
  it("delivers the tenant's calls and never another tenant's", async () => {
    const a = await connected("tenantA");
    const b = await connected("tenantB");
    a.ws.send(JSON.stringify({ op: "subscribe", channel: "calls" }));
    b.ws.send(JSON.stringify({ op: "subscribe", channel: "calls" }));
    await expect.poll(() => bus.subscriberCount("tenant:tenantA:calls") + bus.subscriberCount("tenant:tenantB:calls")).toBe(2);
    publishCallEvent(bus, ev("callA", "tenantA", 1));
    publishCallEvent(bus, ev("callB", "tenantB", 2));
    await expect.poll(() => events(a.got).length + events(b.got).length).toBe(2);
    expect(events(a.got).map((e) => e.callId)).toEqual(["callA"]);
    expect(events(b.got).map((e) => e.callId)).toEqual(["callB"]);
    a.ws.close();
    b.ws.close();
    await expect.poll(() => bus.subscriberCount("tenant:tenantA:calls")).toBe(0);
  });

  it("refuses another tenant's (or an unknown) call id on the socket and never subscribes it", async () => {
    const a = await connected("tenantA");
    a.ws.send(JSON.stringify({ op: "subscribe", callId: "callB" }));
    a.ws.send(JSON.stringify({ op: "subscribe", callId: "nope" }));
    a.ws.send(JSON.stringify({ op: "subscribe", callId: "callA" }));
    await expect.poll(() => a.got.length).toBe(3);
    expect(a.got).toEqual([
      { type: "error", code: "CALL_NOT_FOUND", message: expect.any(String), callId: "callB" },
      { type: "error", code: "CALL_NOT_FOUND", message: expect.any(String), callId: "nope" },
      { type: "subscribed", callId: "callA" },
    ]);
    expect(bus.subscriberCount("call:callB")).toBe(0);
    publishCallEvent(bus, ev("callB", "tenantB", 1));
    publishCallEvent(bus, ev("callA", "tenantA", 2));
    await expect.poll(() => events(a.got).length).toBe(1);
    expect(events(a.got)[0]?.callId).toBe("callA");
    a.ws.send(JSON.stringify({ op: "unsubscribe", callId: "callA" }));
    await expect.poll(() => bus.subscriberCount("call:callA")).toBe(0);
    a.ws.close();
  });

  it("drops an event whose tenant is not the socket's even on a subscribed channel (defence in depth)", async () => {
    const a = await connected("tenantA");
    a.ws.send(JSON.stringify({ op: "subscribe", callId: "callA" }));
    await expect.poll(() => a.got.length).toBe(1);
    bus.publish("call:callA", ev("callA", "tenantB", 1)); // a forged or misrouted event
    bus.publish("call:callA", ev("callA", "tenantA", 2));
    await expect.poll(() => events(a.got).length).toBe(1);
    expect(events(a.got)[0]?.payload).toEqual({ n: 2 });
    a.ws.close();
  });

  it("caps subscriptions per socket and keeps an open socket past its token's expiry", async () => {
    const a = await connected("tenantA");
    clock = new Date(Date.now() + 3600_000); // the token expired an hour ago: the socket stays
    for (const callId of ["callA", "callA2"]) a.ws.send(JSON.stringify({ op: "subscribe", callId }));
    a.ws.send(JSON.stringify({ op: "subscribe", channel: "calls" }));
    a.ws.send(JSON.stringify({ op: "subscribe", callId: "x1" }));
    await expect.poll(() => a.got.length).toBe(4);
    expect(a.got.filter((m) => m.type === "error")).toEqual([expect.objectContaining({ code: "TOO_MANY_CHANNELS", callId: "x1" })]);
    publishCallEvent(bus, ev("callA", "tenantA", 1));
    await expect.poll(() => events(a.got).length).toBe(2); // on the call's channel and the tenant's
    a.ws.close();
  });

  it("closes 1008 on a malformed or unknown message, 1009 on an oversized one", async () => {
    for (const [bad, code] of [
      ["{not json", 1008],
      [JSON.stringify({ op: "subscribe", channel: "tenant:tenantB:calls" }), 1008],
      [JSON.stringify({ op: "publish", callId: "callA" }), 1008],
      [JSON.stringify({ op: "subscribe", callId: "callA", tenantId: "tenantB" }), 1008],
      [JSON.stringify({ op: "subscribe", callId: "x".repeat(2000) }), 1009],
    ] as const) {
      const a = await connected("tenantA");
      const done = closed(a.ws);
      a.ws.send(bad);
      expect((await done).code).toBe(code);
    }
  });
});
