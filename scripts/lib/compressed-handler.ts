/**
 * Response compression for the app server (scripts/app-server.ts), instead of the one built into
 * Next.js (`compress: false` in next.config.js).
 *
 * Next.js streams a page as many small chunks and, when the response has a `flush()` (the
 * `compression` middleware adds one), calls it after every chunk, so that each chunk reaches the
 * browser at once. With gzip that is a sync flush of the compressor and a socket write per chunk:
 * hundreds per page. Measured on an account page at 100,000 accounts (147 KiB of RSC payload):
 * 45-59 ms of CPU with gzip against 32-40 ms uncompressed, a third of the page's cost.
 *
 * Here the same middleware compresses (same content types and threshold), but the flushes of one
 * burst of writes become one flush after the burst (setImmediate): what React writes in one pass
 * goes out together, and a part of the page that waits for data (a Suspense boundary) still
 * reaches the browser as soon as it is written.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import compression from "compression";

type Flushable = ServerResponse & { flush?: () => void };

/** One flush per burst of writes: a response's flush() only schedules one for after this turn. */
export function coalesceFlushes(res: Flushable): void {
  const flushNow = res.flush;
  if (typeof flushNow !== "function") return;
  let scheduled = false;
  res.flush = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      if (!res.writableEnded) flushNow.call(res);
    });
  };
}

/** `handle` behind gzip/deflate compression (as the client accepts) with coalesced flushes. */
export function compressedHandler(handle: (req: IncomingMessage, res: ServerResponse) => unknown): RequestListener {
  const compress = compression();
  return (req, res) => {
    compress(req as Parameters<typeof compress>[0], res as Parameters<typeof compress>[1], () => {
      coalesceFlushes(res);
      void handle(req, res);
    });
  };
}
