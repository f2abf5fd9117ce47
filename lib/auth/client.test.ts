import { describe, expect, test } from "vitest";
import { clientInfo } from "@/lib/auth/client";

describe("client address", () => {
  const headers = (xff: string) => new Headers({ "x-forwarded-for": xff, "user-agent": "Firefox" });

  test("no proxy: the rightmost entry (Next.js's socket address)", () => {
    expect(clientInfo(headers("203.0.113.9"), 0)).toEqual({ address: "203.0.113.9", userAgent: "Firefox" });
  });

  test("behind N trusted proxies: the address the outermost one saw, not what the client claims", () => {
    expect(clientInfo(headers("6.6.6.6, 203.0.113.9, 10.0.0.2"), 2).address).toBe("203.0.113.9");
    expect(clientInfo(headers("6.6.6.6, 203.0.113.9"), 1).address).toBe("203.0.113.9");
    // Fewer entries than proxies: the leftmost there is.
    expect(clientInfo(headers("203.0.113.9"), 3).address).toBe("203.0.113.9");
  });

  test("no request, no header", () => {
    expect(clientInfo(null, 0)).toEqual({ address: null, userAgent: null });
    expect(clientInfo(new Headers(), 0)).toEqual({ address: null, userAgent: null });
  });
});
