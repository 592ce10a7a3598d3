// An admin's end request reaching the voice server by either path, acted on once, for its own tenant only.
import pino from "pino";
import { describe, expect, it } from "vitest";
import { LocalEventBus } from "../../providers/events/local";
import type { LiveEvent } from "../../providers/events/types";
import { createEndControl } from "./end-control";

const logger = pino({ level: "silent" });
const tick = () => new Promise((resolve) => setImmediate(resolve));
const request = (callId: string, tenantId: string): LiveEvent => ({ type: "call.end_requested", callId, tenantId, at: new Date().toISOString(), payload: { by: "admin" } });

function setup(recorded: string[] = []) {
  const bus = new LocalEventBus({ logger });
  const control = createEndControl({ bus, logger, requested: async (ids) => ids.filter((id) => recorded.includes(id)) });
  const ended: string[] = [];
  const watch = (callId: string, tenantId = "t1") => control.watch(callId, tenantId, () => ended.push(callId));
  return { bus, control, ended, watch, recorded };
}

describe("end control", () => {
  it("ends a call on its bus message, once, even when the heartbeat finds the request too", async () => {
    const s = setup(["c1"]);
    s.watch("c1");
    s.watch("c2");
    s.bus.publish("call:c1", request("c1", "t1"));
    s.bus.publish("call:c1", request("c1", "t1"));
    await tick();
    await s.control.check();
    expect(s.ended).toEqual(["c1"]);
  });

  it("ends a call on the heartbeat when the bus message was lost", async () => {
    const s = setup();
    s.watch("c1");
    await s.control.check();
    expect(s.ended).toEqual([]);
    s.recorded.push("c1");
    await s.control.check();
    expect(s.ended).toEqual(["c1"]);
  });

  it("ignores a request naming another tenant, other event types, and calls no longer watched", async () => {
    const s = setup();
    const off = s.watch("c1", "t1");
    s.bus.publish("call:c1", request("c1", "t2"));
    s.bus.publish("call:c1", { ...request("c1", "t1"), type: "call.ended" });
    await tick();
    expect(s.ended).toEqual([]);
    off();
    expect(s.bus.subscriberCount("call:c1")).toBe(0);
    s.recorded.push("c1");
    await s.control.check();
    expect(s.ended).toEqual([]);
  });
});
