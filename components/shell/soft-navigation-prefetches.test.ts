import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { PREFETCH_FRESH_MS, PREFETCH_MEMORY_LIMIT, prefetchUnlessRecent, RecentPrefetches } from "./soft-navigation-prefetches";

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date("2026-12-06T12:00:00Z"));
});
afterEach(() => {
  vi.useRealTimers();
});

describe("RecentPrefetches", () => {
  test("a link is prefetched once while fresh, and again once Next.js may have dropped it", () => {
    const recent = new RecentPrefetches();
    expect(recent.claim("/accounts/1")).toBe(true);
    expect(recent.claim("/accounts/1")).toBe(false);
    vi.advanceTimersByTime(PREFETCH_FRESH_MS - 1);
    expect(recent.claim("/accounts/1")).toBe(false);
    vi.advanceTimersByTime(1);
    expect(recent.claim("/accounts/1")).toBe(true);
    // Remembered from the new prefetch on.
    vi.advanceTimersByTime(PREFETCH_FRESH_MS - 1);
    expect(recent.claim("/accounts/1")).toBe(false);
  });

  test("expiry is per link", () => {
    const recent = new RecentPrefetches();
    recent.claim("/accounts/1");
    vi.advanceTimersByTime(PREFETCH_FRESH_MS / 2);
    recent.claim("/accounts/2");
    vi.advanceTimersByTime(PREFETCH_FRESH_MS / 2);
    expect(recent.claim("/accounts/2")).toBe(false);
    expect(recent.claim("/accounts/1")).toBe(true);
  });

  test("expired links are dropped, so the memory does not grow with the links ever pointed at", () => {
    const recent = new RecentPrefetches();
    for (let i = 0; i < 100; i++) recent.claim(`/accounts/${i}`);
    vi.advanceTimersByTime(PREFETCH_FRESH_MS);
    recent.claim("/accounts/new");
    expect(recent.size).toBe(1);
  });

  test("at most PREFETCH_MEMORY_LIMIT links are remembered; the oldest is forgotten first", () => {
    const recent = new RecentPrefetches();
    for (let i = 0; i <= PREFETCH_MEMORY_LIMIT; i++) {
      recent.claim(`/accounts/${i}`);
      vi.advanceTimersByTime(1);
    }
    expect(recent.size).toBe(PREFETCH_MEMORY_LIMIT);
    expect(recent.claim(`/accounts/${PREFETCH_MEMORY_LIMIT}`)).toBe(false);
    expect(recent.claim("/accounts/1")).toBe(false);
    expect(recent.claim("/accounts/0")).toBe(true);
  });

  test("a forgotten link is prefetched again at once", () => {
    const recent = new RecentPrefetches();
    recent.claim("/accounts/1");
    recent.forget("/accounts/1");
    expect(recent.claim("/accounts/1")).toBe(true);
  });
});

describe("prefetchUnlessRecent", () => {
  test("asks the router once while fresh, again after expiry or when Next.js invalidates the prefetch", () => {
    const recent = new RecentPrefetches();
    const prefetch = vi.fn<(href: string, options: { onInvalidate: () => void }) => void>();
    prefetchUnlessRecent(recent, prefetch, "/accounts/1");
    prefetchUnlessRecent(recent, prefetch, "/accounts/1");
    expect(prefetch).toHaveBeenCalledTimes(1);
    expect(prefetch.mock.calls[0]![0]).toBe("/accounts/1");

    prefetch.mock.calls[0]![1].onInvalidate();
    prefetchUnlessRecent(recent, prefetch, "/accounts/1");
    expect(prefetch).toHaveBeenCalledTimes(2);

    vi.advanceTimersByTime(PREFETCH_FRESH_MS);
    prefetchUnlessRecent(recent, prefetch, "/accounts/1");
    expect(prefetch).toHaveBeenCalledTimes(3);
  });
});
