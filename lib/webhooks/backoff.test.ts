import { expect, test } from "vitest";
import { MAX_DELAY_MS, nextAttemptAt, retryDelayMs, RETRY_WINDOW_MS } from "./backoff";
import { sign } from "./signature";

const middle = () => 0.5;

test("delays double from the first retry's, capped, with jitter within ±10%", () => {
  expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 30_000, middle))).toEqual([30_000, 60_000, 120_000, 240_000]);
  expect(retryDelayMs(20, 30_000, middle)).toBe(MAX_DELAY_MS);
  expect(retryDelayMs(1, 30_000, () => 0)).toBe(27_000);
  expect(retryDelayMs(1, 30_000, () => 1)).toBe(33_000);
});

test("attempts stop at the end of the 24-hour window, after about 15 of them", () => {
  const start = new Date("2026-01-01T00:00:00Z");
  const until = new Date(start.getTime() + RETRY_WINDOW_MS);
  let now = start;
  let attempts = 1;
  for (let next = nextAttemptAt(1, now, until, 30_000, middle); next; next = nextAttemptAt(attempts, now, until, 30_000, middle)) {
    now = next;
    attempts++;
  }
  expect(attempts).toBeGreaterThanOrEqual(12);
  expect(attempts).toBeLessThanOrEqual(16);
  expect(now.getTime()).toBeLessThanOrEqual(until.getTime());
});

test("the signature is Standard Webhooks' v1 HMAC-SHA256 of id.timestamp.body (the spec's example)", () => {
  // https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
  expect(sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, '{"test": 2432232314}')).toBe(
    "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
  );
});
