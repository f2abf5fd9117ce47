/**
 * One webhook POST over node:http(s), to the address lib/webhooks/ssrf.ts checked (the socket's
 * DNS lookup is replaced by that address, so no second resolution can differ; TLS still checks
 * the certificate against the host name). No redirect is followed: a 3xx answer is a failed
 * attempt. Connection and whole-request timeouts; only the first SNIPPET_BYTES of the answer are
 * read and kept.
 */
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { Target } from "./ssrf";

export const SNIPPET_BYTES = 4 * 1024;
export const CONNECT_TIMEOUT_MS = 5_000;
export const TOTAL_TIMEOUT_MS = 15_000;

export interface PostResult {
  /** A 2xx answer. */
  ok: boolean;
  statusCode: number | null;
  latencyMs: number;
  responseSnippet: string | null;
  error: string | null;
}

function pinnedLookup(target: Target): LookupFunction {
  return (_hostname, options, callback) => {
    const all = typeof options === "object" && options !== null && (options as { all?: boolean }).all;
    if (all) (callback as unknown as (error: null, addresses: { address: string; family: number }[]) => void)(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
}

export function postWebhook(
  target: Target,
  body: string,
  headers: Record<string, string>,
  timeouts: { connectMs?: number; totalMs?: number } = {},
): Promise<PostResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const secure = target.url.protocol === "https:";
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Omit<PostResult, "latencyMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(total);
      clearTimeout(connect);
      resolve({ ...result, latencyMs: elapsed() });
    };
    const fail = (error: string, statusCode: number | null = null) => finish({ ok: false, statusCode, responseSnippet: null, error });
    const request = (secure ? https : http).request({
      method: "POST",
      hostname: target.hostname,
      port: target.url.port || (secure ? 443 : 80),
      path: `${target.url.pathname}${target.url.search}`,
      agent: false,
      lookup: pinnedLookup(target),
      ...(secure ? { servername: target.hostname } : {}),
      headers: { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(body), "user-agent": "Tierwise-Webhooks/1" },
    });
    const total = setTimeout(() => {
      fail(`no complete answer within ${Math.round((timeouts.totalMs ?? TOTAL_TIMEOUT_MS) / 1000)} s`);
      request.destroy();
    }, timeouts.totalMs ?? TOTAL_TIMEOUT_MS);
    const connect = setTimeout(() => {
      fail(`could not connect within ${Math.round((timeouts.connectMs ?? CONNECT_TIMEOUT_MS) / 1000)} s`);
      request.destroy();
    }, timeouts.connectMs ?? CONNECT_TIMEOUT_MS);
    request.on("socket", (socket) => socket.once("connect", () => clearTimeout(connect)));
    request.on("error", (error) => fail(error.message));
    request.on("response", (response) => {
      const statusCode = response.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => {
        const snippet = Buffer.concat(chunks).subarray(0, SNIPPET_BYTES).toString("utf8");
        response.destroy();
        if (statusCode >= 300 && statusCode < 400) {
          const location = response.headers.location ? ` to ${response.headers.location}` : "";
          return finish({ ok: false, statusCode, responseSnippet: snippet || null, error: `redirect${location} not followed` });
        }
        const ok = statusCode >= 200 && statusCode < 300;
        finish({ ok, statusCode, responseSnippet: snippet || null, error: ok ? null : `HTTP ${statusCode}` });
      };
      response.on("data", (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= SNIPPET_BYTES) done();
      });
      response.on("end", done);
      response.on("error", (error) => fail(error.message, statusCode));
    });
    request.end(body);
  });
}
