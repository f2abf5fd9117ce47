import { expect, test } from "vitest";
import { embeddedIPv4, isAllowedAddress, parseAllowList, resolveTarget } from "./ssrf";

const none = parseAllowList("");

test("public addresses pass; private, loopback, link-local and reserved ones are refused", () => {
  for (const ok of ["8.8.8.8", "93.184.216.34", "2606:4700::1111", "::ffff:8.8.8.8"]) expect(isAllowedAddress(ok, none), ok).toBe(true);
  for (const bad of [
    "127.0.0.1", "10.0.0.1", "172.16.5.4", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "0.1.2.3",
    "224.0.0.1", "255.255.255.255", "198.18.0.1", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "::ffff:127.0.0.1", "::ffff:7f00:1",
    "::ffff:10.0.0.1", "64:ff9b::a00:1", "ff02::1",
  ]) {
    expect(isAllowedAddress(bad, none), bad).toBe(false);
  }
});

test("the allow-list lets named networks and hosts through", async () => {
  const allow = parseAllowList("127.0.0.1/32, 10.1.0.0/16,crm.internal");
  expect(isAllowedAddress("127.0.0.1", allow)).toBe(true);
  expect(isAllowedAddress("::ffff:127.0.0.1", allow)).toBe(true);
  expect(isAllowedAddress("127.0.0.2", allow)).toBe(false);
  expect(isAllowedAddress("10.1.200.3", allow)).toBe(true);
  expect(isAllowedAddress("10.2.0.1", allow)).toBe(false);
  await expect(resolveTarget("http://127.0.0.1:9/x", allow)).resolves.toMatchObject({ address: "127.0.0.1", family: 4 });
  await expect(resolveTarget("http://127.0.0.1:9/x", none)).rejects.toThrow(/refused/);
  await expect(resolveTarget("http://[::1]/", none)).rejects.toThrow(/refused/);
});

test("only plain http(s) URLs", async () => {
  await expect(resolveTarget("ftp://example.com/", none)).rejects.toThrow(/http/);
  await expect(resolveTarget("https://user:pw@example.com/", none)).rejects.toThrow(/user name/);
  await expect(resolveTarget("not a url", none)).rejects.toThrow(/full URL/);
});

test("embedded IPv4 in mapped and NAT64 addresses", () => {
  expect(embeddedIPv4("::ffff:192.168.0.1")).toBe("192.168.0.1");
  expect(embeddedIPv4("::ffff:c0a8:1")).toBe("192.168.0.1");
  expect(embeddedIPv4("64:ff9b::7f00:1")).toBe("127.0.0.1");
  expect(embeddedIPv4("2001:db8::1")).toBeNull();
});
