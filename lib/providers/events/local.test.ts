import pino from "pino";
import { describe, expect, it } from "vitest";
import { LocalEventBus } from "./local";
import { callChannel, parseLiveEvent, publishCallEvent, tenantCallsChannel, type LiveEvent } from "./types";
import { checkBearer, internalEventsToken } from "./token";

const logger = pino({ level: "silent" });
const tick = () => new Promise((resolve) => setImmediate(resolve));
const event = (n: number, over: Partial<LiveEvent> = {}): LiveEvent => ({
  type: "state.changed",
  callId: "call1",
  tenantId: "t1",
  at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
  payload: { n },
  ...over,
});

describe("local event bus", () => {
  it("delivers after publish returns, in order, to a call's tenant channel and its own", async () => {
    const bus = new LocalEventBus({ logger });
    const tenant: number[] = [];
    const call: number[] = [];
    bus.subscribe(tenantCallsChannel("t1"), (e) => tenant.push(e.payload!.n as number));
    bus.subscribe(callChannel("call1"), (e) => call.push(e.payload!.n as number));
    bus.subscribe(callChannel("other"), () => call.push(-1));
    for (let n = 0; n < 5; n++) publishCallEvent(bus, event(n));
    expect(tenant).toEqual([]); // not inside the publisher's stack
    await tick();
    expect(tenant).toEqual([0, 1, 2, 3, 4]);
    expect(call).toEqual([0, 1, 2, 3, 4]);
    expect(bus.stats()).toEqual({ published: 10, dropped: 0 });
  });

  it("isolates a throwing handler and stops delivering after unsubscribe", async () => {
    const bus = new LocalEventBus({ logger });
    const got: number[] = [];
    bus.subscribe("call:c1", () => {
      throw new Error("boom");
    });
    const off = bus.subscribe("call:c1", (e) => got.push(e.payload!.n as number));
    expect(() => bus.publish("call:c1", event(1))).not.toThrow();
    await tick();
    off();
    off();
    bus.publish("call:c1", event(2));
    await tick();
    expect(got).toEqual([1]);
    expect(bus.subscriberCount("call:c1")).toBe(1);
  });

  it("drops and counts events past its queue, and never throws on a bad channel", async () => {
    const bus = new LocalEventBus({ logger, maxQueued: 3 });
    const got: number[] = [];
    bus.subscribe("call:c1", (e) => got.push(e.payload!.n as number));
    for (let n = 0; n < 5; n++) bus.publish("call:c1", event(n));
    expect(() => bus.publish("not a channel", event(9))).not.toThrow();
    await tick();
    expect(got).toEqual([0, 1, 2]);
    expect(bus.stats()).toEqual({ published: 3, dropped: 2 });
    bus.publish("call:c1", event(7));
    await tick();
    expect(got).toEqual([0, 1, 2, 7]);
  });
});

describe("live event parsing", () => {
  it("accepts a well-formed event and refuses malformed ones", () => {
    expect(parseLiveEvent(event(1))).toEqual(event(1));
    for (const bad of [null, "x", { ...event(1), at: "yesterday" }, { ...event(1), callId: "../x" }, { ...event(1), type: "DROP TABLE" }, { ...event(1), payload: [1] }]) {
      expect(parseLiveEvent(bad)).toBeNull();
    }
  });
});

describe("internal events token", () => {
  it("is derived from the secret and checked in constant time", () => {
    const token = internalEventsToken("a".repeat(32));
    expect(token).toHaveLength(43);
    expect(token).not.toBe(internalEventsToken("b".repeat(32)));
    expect(checkBearer(`Bearer ${token}`, token)).toBe(true);
    expect(checkBearer(`Bearer ${internalEventsToken("b".repeat(32))}`, token)).toBe(false);
    expect(checkBearer(token, token)).toBe(false);
    expect(checkBearer(undefined, token)).toBe(false);
  });
});
