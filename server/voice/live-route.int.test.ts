// A call on one voice server reaches a browser watching through another, over Redis pub/sub (the
// real Redis on 127.0.0.1:6379, a channel prefix of its own): two buses as two processes would hold.
import { randomBytes } from "node:crypto";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { RedisEventBus } from "../../lib/providers/events/redis";
import { publishCallEvent, type LiveEvent } from "../../lib/providers/events/types";
import { issueBrowserToken } from "../../lib/realtime/browser-token";
import type { LiveServerMessage } from "../../lib/realtime/live-wire";
import { createVoiceHttpServer, type VoiceHttpServer } from "./http-server";
import { createLiveRoute } from "./live-route";

const url = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const logger = pino({ level: "silent" });
const secret = "frontdesk-test-secret-only-for-vitest-runs-0001";
const prefix = `frontdesk-test:${randomBytes(4).toString("hex")}:events:`;
const APP = "http://app.test";
let watching: RedisEventBus; // the voice server the browser is connected to
let calling: RedisEventBus; // the voice server holding the call
let voice: VoiceHttpServer;
let port: number;

beforeAll(async () => {
  watching = new RedisEventBus({ url, logger, prefix });
  calling = new RedisEventBus({ url, logger, prefix });
  const route = createLiveRoute({ bus: watching, logger, secret, allowedOrigins: new Set([APP]), isCallOfTenant: async (t, c) => t === "tenantA" && c === "callA" });
  voice = createVoiceHttpServer({ logger, routes: {}, upgradeRoutes: [route] });
  port = await voice.listen(0, "127.0.0.1");
});
afterAll(async () => {
  await voice.close({ graceMs: 100 });
  await Promise.all([watching.close(), calling.close()]);
});

async function browser(tenantId: string) {
  const t = issueBrowserToken({ purpose: "live", tenantId, userId: "u1", role: "USER", secret });
  const ws = new WebSocket(`ws://127.0.0.1:${port}/live?token=${t}`, { headers: { origin: APP } });
  const got: { m: LiveServerMessage; at: number }[] = [];
  ws.on("message", (d) => got.push({ m: JSON.parse(d.toString()), at: performance.now() }));
  await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
  return { ws, got, events: () => got.flatMap((g) => (g.m.type === "event" ? [{ event: g.m.event, at: g.at }] : [])) };
}

const ev = (callId: string, tenantId: string, n: number): LiveEvent => ({ type: "turn", callId, tenantId, at: new Date().toISOString(), payload: { n } });

describe("/live across voice servers (Redis)", () => {
  it("delivers the other server's events to the tenant's browser only, within a few milliseconds", async () => {
    const a = await browser("tenantA");
    const b = await browser("tenantB");
    a.ws.send(JSON.stringify({ op: "subscribe", channel: "calls" }));
    a.ws.send(JSON.stringify({ op: "subscribe", callId: "callA" }));
    b.ws.send(JSON.stringify({ op: "subscribe", channel: "calls" }));
    b.ws.send(JSON.stringify({ op: "subscribe", callId: "callA" })); // refused: not B's call
    await expect.poll(() => a.got.length + b.got.length, { timeout: 5000 }).toBe(4);
    // Redis SUBSCRIBE is asynchronous: publish until the first event arrives, then measure.
    await expect.poll(() => (publishCallEvent(calling, ev("warm", "tenantA", 0)), a.events().length), { timeout: 5000, interval: 50 }).toBeGreaterThan(0);
    const sentAt: number[] = [];
    for (let n = 1; n <= 20; n++) {
      sentAt.push(performance.now());
      publishCallEvent(calling, ev("callA", "tenantA", n));
      publishCallEvent(calling, ev("callB", "tenantB", n));
    }
    // Each tenant-A event arrives twice on A (its list and the call it follows), never on B.
    const ofCallA = () => a.events().filter((e) => e.event.callId === "callA");
    await expect.poll(() => ofCallA().length, { timeout: 5000 }).toBe(40);
    await expect.poll(() => b.events().length, { timeout: 5000 }).toBe(20);
    expect(a.events().every((e) => e.event.tenantId === "tenantA")).toBe(true);
    expect(b.events().every((e) => e.event.tenantId === "tenantB" && e.event.callId === "callB")).toBe(true);
    const lag = ofCallA().map((e) => e.at - sentAt[(e.event.payload?.n as number) - 1]!);
    // Reported, not asserted tightly (a busy machine is not a failing product): the goal is 500 ms.
    console.log(`publish → browser over Redis: p50 ${lag.sort((x, y) => x - y)[Math.floor(lag.length / 2)]?.toFixed(1)} ms, max ${lag.at(-1)?.toFixed(1)} ms`);
    expect(Math.max(...lag)).toBeLessThan(5000);
    a.ws.close();
    b.ws.close();
  });
});
