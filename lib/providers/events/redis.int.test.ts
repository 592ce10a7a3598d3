// The Redis bus against the real Redis on 127.0.0.1:6379; each run uses its own channel prefix.
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisEventBus } from "./redis";
import { publishCallEvent, type LiveEvent } from "./types";

const url = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const logger = pino({ level: "silent" });
const prefix = `frontdesk-test:${randomBytes(4).toString("hex")}:events:`;
let voice: RedisEventBus;
let app: RedisEventBus;
let raw: Redis;

const event = (n: number): LiveEvent => ({ type: "turn", callId: "callA", tenantId: "tenantA", at: new Date().toISOString(), payload: { n } });

/** Waits until `count` values were collected (Redis delivery is asynchronous). */
async function until<T>(list: T[], count: number) {
  await expect.poll(() => list.length, { timeout: 5000, interval: 10 }).toBeGreaterThanOrEqual(count);
}

beforeAll(() => {
  voice = new RedisEventBus({ url, logger, prefix });
  app = new RedisEventBus({ url, logger, prefix });
  raw = new Redis(url);
});
afterAll(async () => {
  await Promise.all([voice.close(), app.close(), raw.quit()]);
});

describe("redis event bus", () => {
  it("carries events between processes, on one subscriber connection, skipping malformed messages", async () => {
    const tenant: LiveEvent[] = [];
    const call: LiveEvent[] = [];
    const also: LiveEvent[] = [];
    app.subscribe("tenant:tenantA:calls", (e) => tenant.push(e));
    app.subscribe("call:callA", (e) => call.push(e));
    app.subscribe("call:callA", (e) => also.push(e));
    await expect.poll(async () => (await raw.pubsub("NUMSUB", `${prefix}call:callA`))[1], { timeout: 5000 }).toBe(1);

    await raw.publish(`${prefix}call:callA`, "{not json");
    await raw.publish(`${prefix}call:callA`, JSON.stringify({ ...event(0), at: "never" }));
    publishCallEvent(voice, event(1));
    publishCallEvent(voice, event(2));
    await until(call, 2);
    await until(tenant, 2);
    expect(call.map((e) => e.payload?.n)).toEqual([1, 2]);
    expect(also.map((e) => e.payload?.n)).toEqual([1, 2]);
    expect(tenant.map((e) => e.payload?.n)).toEqual([1, 2]);
    expect(tenant[0]).toMatchObject({ type: "turn", callId: "callA", tenantId: "tenantA" });
    expect(voice.stats()).toMatchObject({ published: 4, dropped: 0 });
  });

  it("unsubscribes from Redis when a channel's last handler goes", async () => {
    const got: LiveEvent[] = [];
    const off1 = app.subscribe("call:callB", (e) => got.push(e));
    const off2 = app.subscribe("call:callB", (e) => got.push(e));
    await expect.poll(async () => (await raw.pubsub("NUMSUB", `${prefix}call:callB`))[1], { timeout: 5000 }).toBe(1);
    off1();
    expect((await raw.pubsub("NUMSUB", `${prefix}call:callB`))[1]).toBe(1);
    off2();
    await expect.poll(async () => (await raw.pubsub("NUMSUB", `${prefix}call:callB`))[1], { timeout: 5000 }).toBe(0);
  });

  it("drops publishes past its in-flight cap instead of queueing without bound while Redis is down", async () => {
    const down = new RedisEventBus({ url: "redis://127.0.0.1:1", logger, prefix, maxInFlight: 5 });
    for (let n = 0; n < 20; n++) expect(() => down.publish("call:x", event(n))).not.toThrow();
    expect(down.stats()).toEqual({ published: 5, dropped: 15 });
    await down.close();
  });
});
