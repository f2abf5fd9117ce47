import { describe, expect, test } from "vitest";
import { HSTS_VALUE, isHttps, withHsts } from "@/lib/http/hsts";

const request = (url: string, proto?: string) => ({ url, headers: new Headers(proto === undefined ? {} : { "x-forwarded-proto": proto }) });

describe("isHttps", () => {
  test("no trusted proxy: the request URL's scheme decides", () => {
    expect(isHttps(request("https://tierwise.example/accounts"), 0)).toBe(true);
    expect(isHttps(request("http://localhost:3000/accounts"), 0)).toBe(false);
    // A header alone does not count without a trusted proxy.
    expect(isHttps(request("http://localhost:3000/", "https"), 0)).toBe(false);
  });

  test("behind trusted proxies: the X-Forwarded-Proto entry the outermost one wrote", () => {
    expect(isHttps(request("http://app:3000/", "https"), 1)).toBe(true);
    expect(isHttps(request("http://app:3000/", "HTTPS"), 1)).toBe(true);
    expect(isHttps(request("http://app:3000/", "http"), 1)).toBe(false);
    expect(isHttps(request("http://app:3000/"), 1)).toBe(false);
    // The client claimed https, the trusted proxy appended what it saw (http).
    expect(isHttps(request("https://app:3000/", "https, http"), 1)).toBe(false);
    expect(isHttps(request("http://app:3000/", "http, https"), 1)).toBe(true);
    expect(isHttps(request("http://app:3000/", "http, https, http"), 2)).toBe(true);
    // Fewer entries than proxies: the leftmost there is.
    expect(isHttps(request("http://app:3000/", "https"), 3)).toBe(true);
  });
});

test("withHsts sets the header only over HTTPS", () => {
  expect(withHsts(new Response("x"), request("https://tierwise.example/"), 0).headers.get("Strict-Transport-Security")).toBe(HSTS_VALUE);
  expect(withHsts(new Response("x"), request("http://localhost:3000/"), 0).headers.has("Strict-Transport-Security")).toBe(false);
  expect(HSTS_VALUE).toBe("max-age=63072000; includeSubDomains");
});
