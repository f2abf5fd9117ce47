import { createServer, get, request as request_, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { afterEach, describe, expect, test, vi } from "vitest";
import { compressedHandler } from "../../scripts/lib/compressed-handler";

type Flushable = ServerResponse & { flush?: () => void };
let server: Server | undefined;

afterEach(async () => {
  vi.restoreAllMocks();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** Serve `handle` behind the app's compression on a free loopback port. */
async function serve(handle: (req: IncomingMessage, res: Flushable) => unknown): Promise<string> {
  server = createServer(compressedHandler(handle));
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

/** GET with the given Accept-Encoding: the response and its body stream (decompressed as sent). */
function request(url: string, encoding: string): Promise<{ response: IncomingMessage; body: NodeJS.ReadableStream }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { "accept-encoding": encoding } }, (response) => {
      const encoding = response.headers["content-encoding"];
      const decoder = encoding === "gzip" ? zlib.createGunzip() : encoding === "br" ? zlib.createBrotliDecompress() : null;
      resolve({ response, body: decoder ? response.pipe(decoder) : response });
    }).on("error", reject);
  });
}

async function text(body: NodeJS.ReadableStream): Promise<string> {
  let out = "";
  for await (const chunk of body) out += chunk.toString();
  return out;
}

const LINES = Array.from({ length: 300 }, (_, i) => `<div class="row">streamed chunk ${i}</div>\n`);

/** A HEAD request: the status and headers, no body. */
function head(url: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    request_(url, { method: "HEAD", headers: { "accept-encoding": "gzip, deflate, br" } }, (response) => {
      response.resume();
      response.on("end", () => resolve(response));
    })
      .on("error", reject)
      .end();
  });
}

describe("the app server's compression", () => {
  test("a response ended with end(null), as Next.js answers a HEAD request, ends cleanly", async () => {
    const errors: unknown[] = [];
    const url = await serve((_, res) => {
      res.setHeader("content-type", "text/html");
      try {
        (res.end as (chunk: null) => void)(null);
      } catch (error) {
        errors.push(error);
        res.destroy();
      }
    });
    const response = await head(url);
    expect(errors).toEqual([]);
    expect(response.statusCode).toBe(200);
  });

  test.each([
    ["gzip", "gzip, deflate", () => zlib.createGzip()],
    ["br", "gzip, deflate, br, zstd", () => zlib.createBrotliCompress()],
  ] as const)("compresses a streamed page (%s) as one write and at most one flush per burst of writes, not one each per chunk", async (encoding, accepted, compressor) => {
    // The compressor's class (node:zlib does not export it): every stream the middleware makes has it.
    const compressorClass = Object.getPrototypeOf(compressor()) as { flush: () => void; write: (chunk: unknown) => boolean };
    const flush = vi.spyOn(compressorClass, "flush");
    const write = vi.spyOn(compressorClass, "write");
    const url = await serve((_, res) => {
      res.setHeader("content-type", "text/x-component");
      // As Next.js streams: a write and a flush per chunk, all in one pass.
      for (const line of LINES) {
        res.write(line);
        res.flush?.();
      }
      res.end();
    });
    const { response, body } = await request(url, accepted);
    expect(response.headers["content-encoding"]).toBe(encoding);
    expect(await text(body)).toBe(LINES.join(""));
    expect(flush.mock.calls.length).toBeLessThanOrEqual(1);
    expect(write.mock.calls.length).toBeLessThanOrEqual(1);
  });

  test("still sends what was written before the page waits for data (a Suspense boundary)", async () => {
    let firstPartArrived!: () => void;
    const arrived = new Promise<void>((resolve) => (firstPartArrived = resolve));
    const url = await serve(async (_, res) => {
      res.setHeader("content-type", "text/html");
      res.write(`<main>${"shell ".repeat(400)}</main>`);
      res.flush?.();
      // The rest is written only once the browser has the first part: without a flush it never would.
      await Promise.race([arrived, new Promise((_, reject) => setTimeout(() => reject(new Error("first part never sent")), 5_000))]);
      res.end("<section>the data</section>");
    });
    const { body } = await request(url, "gzip, deflate, br");
    let received = "";
    for await (const chunk of body) {
      received += chunk.toString();
      if (received.includes("</main>")) firstPartArrived();
    }
    expect(received).toBe(`<main>${"shell ".repeat(400)}</main><section>the data</section>`);
  });

  test("runs the callbacks of writes and of the end", async () => {
    const called: string[] = [];
    const url = await serve((_, res) => {
      res.setHeader("content-type", "text/plain");
      res.write("first ", () => called.push("write"));
      res.write(Buffer.from("second "));
      res.end("last", () => called.push("end"));
    });
    const { body } = await request(url, "gzip");
    expect(await text(body)).toBe("first second last");
    await new Promise((resolve) => setImmediate(resolve));
    expect(called.sort()).toEqual(["end", "write"]);
  });

  test("sends the page as it is to a client that accepts no compression", async () => {
    const url = await serve((_, res) => {
      res.setHeader("content-type", "text/html");
      for (const line of LINES) {
        res.write(line);
        res.flush?.();
      }
      res.end();
    });
    const { response, body } = await request(url, "identity");
    expect(response.headers["content-encoding"]).toBeUndefined();
    expect(await text(body)).toBe(LINES.join(""));
  });
});
