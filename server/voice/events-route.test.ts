// The events path without Redis, end to end on loopback: the voice http server hosting the bus on
// /internal/events and the app-side subscriber (RemoteEventBus) in the same test.
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { LocalEventBus } from "../../lib/providers/events/local";
import { RemoteEventBus } from "../../lib/providers/events/remote";
import { internalEventsToken } from "../../lib/providers/events/token";
import { publishCallEvent, type LiveEvent } from "../../lib/providers/events/types";
import { createEventsRoute, isLoopback } from "./events-route";
import { createVoiceHttpServer, type VoiceHttpServer } from "./http-server";

const logger = pino({ level: "silent" });
const token = internalEventsToken("frontdesk-test-secret-only-for-vitest-runs-0001");
const backoff = { minMs: 20, maxMs: 100 };
let cleanup: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

async function startVoice(bus: LocalEventBus, port = 0): Promise<{ voice: VoiceHttpServer; port: number }> {
  const voice = createVoiceHttpServer({ logger, routes: {}, upgradeRoutes: [createEventsRoute({ bus, token, logger })] });
  const bound = await voice.listen(port, "127.0.0.1");
  cleanup.push(() => voice.close({ graceMs: 100 })); // a second close is harmless
  return { voice, port: bound };
}

function subscriber(port: number, t = token): RemoteEventBus {
  const bus = new RemoteEventBus({ url: `ws://127.0.0.1:${port}/internal/events`, token: t, logger, backoff });
  cleanup.push(() => bus.close());
  return bus;
}

const event = (n: number): LiveEvent => ({ type: "dtmf", callId: "callA", tenantId: "tenantA", at: new Date().toISOString(), payload: { digit: String(n) } });

describe("/internal/events", () => {
  it("carries the voice server's events to a subscriber in another process, and its publishes back", async () => {
    const hub = new LocalEventBus({ logger });
    const { port } = await startVoice(hub);
    const app = subscriber(port);
    const tenant: LiveEvent[] = [];
    const call: LiveEvent[] = [];
    app.subscribe("tenant:tenantA:calls", (e) => tenant.push(e));
    app.subscribe("call:callA", (e) => call.push(e));
    await expect.poll(() => hub.subscriberCount("call:callA") + hub.subscriberCount("tenant:tenantA:calls")).toBe(2);

    publishCallEvent(hub, event(1));
    publishCallEvent(hub, event(2));
    hub.publish("call:other", event(3));
    await expect.poll(() => call.length).toBe(2);
    await expect.poll(() => tenant.length).toBe(2);
    expect(call.map((e) => e.payload)).toEqual([{ digit: "1" }, { digit: "2" }]);

    // The worker (say) publishes through the socket; voice-server handlers see it.
    const local: LiveEvent[] = [];
    hub.subscribe("call:callB", (e) => local.push(e));
    app.publish("call:callB", { ...event(9), callId: "callB" });
    await expect.poll(() => local.length).toBe(1);

    // Unsubscribing releases the hub's side.
    const off = app.subscribe("call:callC", () => {});
    await expect.poll(() => hub.subscriberCount("call:callC")).toBe(1);
    off();
    await expect.poll(() => hub.subscriberCount("call:callC")).toBe(0);
  });

  it("reconnects with back-off after the voice server restarts and subscribes again", async () => {
    const hub = new LocalEventBus({ logger });
    const first = await startVoice(hub);
    const app = subscriber(first.port);
    const got: LiveEvent[] = [];
    app.subscribe("call:callA", (e) => got.push(e));
    await expect.poll(() => hub.subscriberCount("call:callA")).toBe(1);
    await first.voice.close({ graceMs: 100 });
    expect(hub.subscriberCount("call:callA")).toBe(0);

    // Published while the socket is down: buffered, delivered once it is back.
    app.publish("call:callA", event(5));
    const hub2 = new LocalEventBus({ logger });
    await startVoice(hub2, first.port);
    await expect.poll(() => hub2.subscriberCount("call:callA"), { timeout: 5000 }).toBe(1);
    expect(app.connectionCount).toBe(2);
    await expect.poll(() => got.map((e) => e.payload?.digit)).toEqual(["5"]);
    publishCallEvent(hub2, event(6));
    await expect.poll(() => got.map((e) => e.payload?.digit)).toEqual(["5", "6"]);
  });

  it("refuses a wrong token, and a bad message closes only that socket", async () => {
    const hub = new LocalEventBus({ logger });
    const { port } = await startVoice(hub);
    const intruder = subscriber(port, internalEventsToken("another-secret-another-secret-0000"));
    intruder.subscribe("call:callA", () => {});
    const status = await new Promise<number | undefined>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/internal/events`, { headers: { authorization: "Bearer nope" } });
      ws.on("unexpected-response", (_req, res) => resolve(res.statusCode));
      ws.on("open", () => resolve(undefined));
    });
    expect(status).toBe(401);
    expect(intruder.connected).toBe(false);
    expect(hub.subscriberCount("call:callA")).toBe(0);

    const good = subscriber(port);
    good.subscribe("call:callA", () => {});
    await expect.poll(() => hub.subscriberCount("call:callA")).toBe(1);
    const rude = new WebSocket(`ws://127.0.0.1:${port}/internal/events`, { headers: { authorization: `Bearer ${token}` } });
    await new Promise((resolve) => rude.once("open", resolve));
    const closed = new Promise<number>((resolve) => rude.once("close", (code) => resolve(code)));
    rude.send(JSON.stringify({ op: "subscribe", channel: "tenant:../../etc" }));
    expect(await closed).toBe(1008);
    expect(good.connected).toBe(true);
    expect(hub.subscriberCount("call:callA")).toBe(1);
  });

  it("tells loopback addresses from others", () => {
    expect(["127.0.0.1", "::1", "::ffff:127.0.0.1", "127.8.9.10"].every(isLoopback)).toBe(true);
    expect(["10.0.0.1", "::ffff:10.0.0.1", "128.0.0.1", "", undefined].some(isLoopback)).toBe(false);
  });
});
