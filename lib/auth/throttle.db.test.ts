// The sign-in throttle's two keys and its exponential lock, on a real database. Time is passed in, so
// "a minute later" needs no waiting.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { createTestTenant } from "../test/factories";
import { authenticate } from "./authenticate";
import { clearFailures, emailThrottleKey, lockDurationMs, lockedForSec, recordFailure, signInKeys, THROTTLE } from "./throttle";

const T0 = new Date("2026-06-01T12:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const MIN = 60_000;
const freshKeys = () => signInKeys(`someone-${randomBytes(4).toString("hex")}@test.example`, "203.0.113.7");

async function fail(keys: ReturnType<typeof signInKeys>, times: number, now: Date) {
  for (let i = 0; i < times; i++) await recordFailure(getDb(), keys, now);
}

describe("sign-in throttle", () => {
  it("locks for 1 minute after 5 failures, then 2, 4, ... minutes per lockout in a row, at most an hour", async () => {
    const keys = freshKeys();
    await fail(keys, THROTTLE.MAX_FAILURES - 1, T0);
    expect(await lockedForSec(getDb(), keys, T0)).toBe(0);
    await fail(keys, 1, T0);
    expect(await lockedForSec(getDb(), keys, T0)).toBe(60);
    expect(await lockedForSec(getDb(), keys, at(MIN))).toBe(0); // the real user is back after a minute

    let now = at(MIN);
    const locks: number[] = [];
    for (let lockout = 1; lockout < 9; lockout++) {
      await fail(keys, THROTTLE.MAX_FAILURES, now);
      const sec = await lockedForSec(getDb(), keys, now);
      locks.push(sec / 60);
      now = at(now.getTime() - T0.getTime() + sec * 1000);
    }
    expect(locks).toEqual([2, 4, 8, 16, 32, 60, 60, 60]);
    expect([0, 1, 6, 7, 40].map(lockDurationMs)).toEqual([MIN, 2 * MIN, 60 * MIN, 60 * MIN, 60 * MIN]);
  });

  it("counts failures per window: 4 failures, a quiet quarter-hour, 4 more do not lock", async () => {
    const keys = freshKeys();
    await fail(keys, 4, T0);
    await fail(keys, 4, at(THROTTLE.WINDOW_MS + 1));
    expect(await lockedForSec(getDb(), keys, at(THROTTLE.WINDOW_MS + 1))).toBe(0);
  });

  it("starts over after a successful sign-in, and after a day without failures", async () => {
    const keys = freshKeys();
    await fail(keys, 5, T0);
    await fail(keys, 5, at(MIN)); // second lockout: 2 minutes
    expect(await lockedForSec(getDb(), keys, at(MIN))).toBe(120);
    await clearFailures(getDb(), keys);
    await fail(keys, 5, at(10 * MIN));
    expect(await lockedForSec(getDb(), keys, at(10 * MIN))).toBe(60);

    const other = freshKeys();
    await fail(other, 5, T0);
    await fail(other, 5, at(MIN));
    const nextDay = at(THROTTLE.FORGET_AFTER_MS + 5 * MIN);
    await fail(other, 5, nextDay);
    expect(await lockedForSec(getDb(), other, nextDay)).toBe(60);
  });

  it("locks the email after 10 failures from 10 addresses, for the right password from an 11th too", async () => {
    const { admin } = await createTestTenant();
    for (let i = 0; i < THROTTLE.EMAIL_MAX_FAILURES; i++) await fail(signInKeys(admin.email, `203.0.113.${i + 1}`), 1, new Date());
    await expect(authenticate(getDb(), { email: admin.email, password: admin.password }, "192.0.2.50")).rejects.toMatchObject({
      code: "THROTTLED",
      retryAfterSec: 60,
    });
    const row = await getDb().authThrottle.findUniqueOrThrow({ where: { key: emailThrottleKey(admin.email) } });
    expect(row.lockouts).toBe(1);
  });

  it("a success clears both keys", async () => {
    const { admin } = await createTestTenant();
    const keys = signInKeys(admin.email, "203.0.113.99");
    await fail(keys, 3, new Date());
    expect(await getDb().authThrottle.count({ where: { key: { in: [keys.pair, keys.email] } } })).toBe(2);
    expect(await authenticate(getDb(), { email: admin.email, password: admin.password }, "203.0.113.99")).not.toBeNull();
    expect(await getDb().authThrottle.count({ where: { key: { in: [keys.pair, keys.email] } } })).toBe(0);
  });
});
