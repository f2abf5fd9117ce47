/**
 * Where a webhook may be sent (server-side request forgery protection). A URL's host is resolved
 * once and every address it resolves to must be public: loopback, link-local, private (RFC 1918,
 * fc00::/7), carrier-grade NAT, "this network", multicast, reserved and documentation ranges are
 * refused, also inside IPv4-mapped and NAT64 IPv6 addresses. The request then connects to the
 * checked address itself (lib/webhooks/http.ts), so a DNS answer that changes between the check
 * and the connection (rebinding) cannot redirect it. TIERWISE_WEBHOOK_ALLOW names the host names
 * and CIDRs that may be called anyway (tests, on-premise receivers).
 */
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

export class RefusedTarget extends Error {
  override name = "RefusedTarget";
}

const REFUSED_V4 = [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.0.2.0", 24], ["192.88.99.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15],
  ["198.51.100.0", 24], ["203.0.113.0", 24], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const;
const REFUSED_V6 = [
  ["::", 96], ["::ffff:0:0", 96], ["64:ff9b::", 96], ["64:ff9b:1::", 48], ["100::", 64], ["2001::", 32], ["2001:db8::", 32],
  ["2002::", 16], ["fc00::", 7], ["fe80::", 10], ["fec0::", 10], ["ff00::", 8],
] as const;

// Two lists: a BlockList also matches IPv4 addresses against IPv6 rules that embed them (::/96).
const refusedV4 = new BlockList();
const refusedV6 = new BlockList();
for (const [network, prefix] of REFUSED_V4) refusedV4.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of REFUSED_V6) refusedV6.addSubnet(network, prefix, "ipv6");
refusedV6.addAddress("::1", "ipv6");

export interface AllowList {
  hosts: ReadonlySet<string>;
  networks: BlockList;
}

/** Parse "host,10.0.0.0/8,127.0.0.1" (host names, CIDRs, single addresses). */
export function parseAllowList(raw: string | undefined): AllowList {
  const hosts = new Set<string>();
  const networks = new BlockList();
  for (const entry of (raw ?? "").split(",").map((part) => part.trim().toLowerCase()).filter(Boolean)) {
    const [address = "", prefix] = entry.split("/");
    const family = isIP(address);
    if (family === 0) hosts.add(entry);
    else if (prefix === undefined) networks.addAddress(address, family === 4 ? "ipv4" : "ipv6");
    else networks.addSubnet(address, Number(prefix), family === 4 ? "ipv4" : "ipv6");
  }
  return { hosts, networks };
}

/** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d) or NAT64 (64:ff9b::/96) IPv6 address. */
export function embeddedIPv4(address: string): string | null {
  const match = /^(?:::ffff:|64:ff9b::)(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(address);
  if (!match) return null;
  if (match[1]) return match[1];
  const high = parseInt(match[2]!, 16);
  const low = parseInt(match[3]!, 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join(".");
}

/** Whether an address may be called: public, or allowed. */
export function isAllowedAddress(address: string, allow: AllowList): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  const type = family === 4 ? "ipv4" : "ipv6";
  if (allow.networks.check(address, type)) return true;
  const inner = family === 6 ? embeddedIPv4(address) : null;
  // ::ffff:127.0.0.1 reaches 127.0.0.1: the embedded address decides.
  if (inner) return isAllowedAddress(inner, allow);
  return family === 4 ? !refusedV4.check(address, "ipv4") : !refusedV6.check(address, "ipv6");
}

export interface Target {
  url: URL;
  /** The host name without IPv6 brackets (for TLS server name checks). */
  hostname: string;
  /** The checked address the request connects to. */
  address: string;
  family: 4 | 6;
}

/** Check a webhook URL's form only (no DNS): for forms and the API, before it is stored. */
export function checkUrlForm(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new RefusedTarget("Enter a full URL, like https://example.com/webhooks.");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new RefusedTarget("Only http and https URLs can receive webhooks.");
  if (url.username || url.password) throw new RefusedTarget("The URL must not contain a user name or password.");
  return url;
}

/** Resolve a webhook URL's host and check every address; throws RefusedTarget naming why. */
export async function resolveTarget(raw: string, allow: AllowList): Promise<Target> {
  const url = checkUrlForm(raw);
  const hostname = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const literal = isIP(hostname);
  let addresses: { address: string; family: number }[];
  if (literal) addresses = [{ address: hostname, family: literal }];
  else {
    try {
      addresses = await lookup(hostname, { all: true, verbatim: true });
    } catch {
      throw new RefusedTarget(`The host ${hostname} could not be resolved.`);
    }
  }
  if (addresses.length === 0) throw new RefusedTarget(`The host ${hostname} could not be resolved.`);
  const hostAllowed = allow.hosts.has(hostname);
  for (const { address } of addresses) {
    if (!hostAllowed && !isAllowedAddress(address, allow)) {
      throw new RefusedTarget(`${hostname} resolves to ${address}, a private, loopback or reserved address: refused (see TIERWISE_WEBHOOK_ALLOW).`);
    }
  }
  const first = addresses[0]!;
  return { url, hostname, address: first.address, family: first.family === 6 ? 6 : 4 };
}
