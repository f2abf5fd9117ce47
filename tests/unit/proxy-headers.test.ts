import { NextRequest } from "next/server";
import { afterEach, describe, expect, test } from "vitest";
import { config, proxy } from "@/proxy";

// The proxy runs before every page and route handler (its matcher leaves out only static files),
// so the headers it sets reach /api answers as well as pages and its own sign-in redirects.

const signedIn = { cookie: "authjs.session-token=abc" };
const get = (url: string, headers: Record<string, string> = {}) => proxy(new NextRequest(url, { headers }));
const hsts = (response: Response) => response.headers.get("Strict-Transport-Security");

afterEach(() => {
  delete process.env.TIERWISE_TRUSTED_PROXIES;
});

describe("Strict-Transport-Security", () => {
  test.each(["/accounts", "/api/v1/accounts", "/api/auth/session", "/api/accounts/export", "/"])("over HTTPS: %s", (path) => {
    expect(hsts(get(`https://tierwise.example${path}`, signedIn))).toBe("max-age=63072000; includeSubDomains");
  });

  test("over HTTPS on the redirect to sign-in too", () => {
    const response = get("https://tierwise.example/accounts");
    expect(response.status).toBe(307);
    expect(hsts(response)).toBe("max-age=63072000; includeSubDomains");
  });

  test.each(["/accounts", "/api/v1/accounts", "/sign-in"])("never over plain http: %s", (path) => {
    expect(hsts(get(`http://localhost:3000${path}`, signedIn))).toBeNull();
    expect(hsts(get(`http://localhost:3000${path}`))).toBeNull();
  });

  test("behind a trusted proxy that terminated TLS", () => {
    process.env.TIERWISE_TRUSTED_PROXIES = "1";
    expect(hsts(get("http://app:3000/accounts", { ...signedIn, "x-forwarded-proto": "https" }))).toBe("max-age=63072000; includeSubDomains");
    expect(hsts(get("http://app:3000/accounts", { ...signedIn, "x-forwarded-proto": "http" }))).toBeNull();
  });

  test("the CSP is still set beside it", () => {
    expect(get("https://tierwise.example/accounts", signedIn).headers.get("Content-Security-Policy")).toContain("default-src 'self'");
  });
});

test("the matcher runs the proxy for /api routes, and not for static files", () => {
  const [pattern] = config.matcher;
  const matches = (path: string) => new RegExp(`^${pattern}$`).test(path);
  expect(matches("/api/v1/accounts")).toBe(true);
  expect(matches("/api/auth/session")).toBe(true);
  expect(matches("/accounts")).toBe(true);
  expect(matches("/_next/static/chunks/app.js")).toBe(false);
});
