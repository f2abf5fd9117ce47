/**
 * Response compression for the app server (scripts/app-server.ts), instead of the one built into
 * Next.js (`compress: false` in next.config.js).
 *
 * Next.js streams a page as hundreds of small writes and, when the response has a `flush()` (the
 * `compression` middleware adds one), flushes after each. Each write is a round through the
 * compressor's stream and each flush a sync block and a socket write: 17 ms of CPU to compress an
 * account page's 172 KiB RSC payload that way, against 1-1.5 ms for the same bytes in one piece
 * (docs/benchmarks.md, "Session 8"). Measured on the page: 45-59 ms of CPU with Next's
 * gzip against 32-40 ms uncompressed.
 *
 * Here the same middleware compresses (br or gzip as the client accepts, same content types and
 * threshold), but what one burst of writes produces (one pass of React's renderer, up to the next
 * wait for data) goes to it as one write and one flush, after the burst (setImmediate). A part of
 * the page that waits for data (a Suspense boundary) still reaches the browser as soon as it is
 * written, and backpressure still holds: a write answers false while the compressor is full.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import compression from "compression";

type Flushable = ServerResponse & { flush?: () => void };
type Callback = (error?: Error | null) => void;
type Chunk = string | Uint8Array;

function toBuffer(chunk: Chunk, encoding: BufferEncoding | undefined): Buffer {
  return typeof chunk === "string" ? Buffer.from(chunk, encoding ?? "utf8") : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** One write and one flush per burst of writes: `res.write` collects, the end of the turn sends. */
export function coalesceWrites(res: Flushable): void {
  // The middleware's write and end take no callback: callers' callbacks run once their bytes are
  // handed on (write) or the response has finished (end).
  const write = res.write.bind(res) as (chunk: Buffer) => boolean;
  const end = res.end.bind(res) as (chunk?: Buffer) => ServerResponse;
  const flush = res.flush?.bind(res);
  let pending: Buffer[] = [];
  let callbacks: Callback[] = [];
  let scheduled = false;
  let full = false;
  res.on("drain", () => (full = false));

  const take = (): [Buffer, Callback[]] => {
    const taken: [Buffer, Callback[]] = [pending.length === 1 ? pending[0]! : Buffer.concat(pending), callbacks];
    pending = [];
    callbacks = [];
    return taken;
  };
  const send = () => {
    scheduled = false;
    if (pending.length === 0 || res.writableEnded) return;
    const [data, done] = take();
    full = !write(data);
    flush?.();
    for (const cb of done) process.nextTick(cb);
  };

  res.write = ((chunk: Chunk, encoding?: BufferEncoding | Callback, callback?: Callback) => {
    if (typeof encoding === "function") [callback, encoding] = [encoding, undefined];
    pending.push(toBuffer(chunk, encoding));
    if (callback) callbacks.push(callback);
    if (!scheduled) {
      scheduled = true;
      setImmediate(send);
    }
    return !full;
  }) as typeof res.write;
  // Next.js calls it after every write: the burst's one flush is send()'s.
  if (flush) res.flush = () => {};
  res.end = ((chunk?: Chunk | Callback | null, encoding?: BufferEncoding | Callback, callback?: Callback) => {
    if (typeof chunk === "function") [callback, chunk] = [chunk, undefined];
    if (typeof encoding === "function") [callback, encoding] = [encoding, undefined];
    // end(null) ends without data, as Node's own end does (Next.js answers a HEAD request so).
    if (chunk !== undefined && chunk !== null) pending.push(toBuffer(chunk, encoding));
    const [data, done] = pending.length ? take() : [undefined, callbacks];
    if (callback) done.push(callback);
    if (done.length) res.once("finish", () => done.forEach((cb) => cb()));
    return end(data);
  }) as typeof res.end;
}

/** `handle` behind br/gzip compression (as the client accepts), fed one write per burst. */
export function compressedHandler(handle: (req: IncomingMessage, res: ServerResponse) => unknown): RequestListener {
  const compress = compression();
  return (req, res) => {
    compress(req as Parameters<typeof compress>[0], res as Parameters<typeof compress>[1], () => {
      coalesceWrites(res);
      void handle(req, res);
    });
  };
}
