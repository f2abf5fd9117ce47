import { fail, ok, quote, type Parsed } from "./parsed";

const HOSTNAME = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * A company's domain as Tierwise stores it: lower case, without scheme, "www.", port, path,
 * query or trailing dot; international names in their ASCII (punycode) form.
 * "https://www.Acme.com/about?x=1" -> "acme.com".
 */
export function parseDomain(raw: string): Parsed<string> {
  let s = raw.trim().toLowerCase();
  if (!s) return fail("is empty");
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//, "").replace(/^\/\//, "");
  s = s.split(/[/?#\\]/, 1)[0] ?? "";
  s = s.replace(/^[^@]*@/, "").replace(/:\d*$/, "").replace(/\.$/, "");
  s = s.replace(/^www\d?\./, "");
  if (/[^\x00-\x7f]/.test(s)) {
    try {
      s = new URL(`http://${s}`).hostname;
    } catch {
      return fail(`${quote(raw)} is not a web domain`);
    }
  }
  if (!HOSTNAME.test(s)) return fail(`${quote(raw)} is not a web domain (expected something like acme.com)`);
  return ok(s);
}
