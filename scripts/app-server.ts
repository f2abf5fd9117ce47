/**
 * One app instance: the production Next.js app (`next build`'s output) behind the app's own
 * response compression (scripts/lib/compressed-handler.ts; next.config.js turns Next's off).
 * `npm start` runs one per core on one port (scripts/serve.ts); the e2e suite serves through it too.
 *
 *   node --import tsx scripts/app-server.ts --port 3000 [--host 127.0.0.1]
 */
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { parseVariables, wholeNumber } from "../lib/env";
import { compressedHandler } from "./lib/compressed-handler";

/** How long a stop waits for requests in flight before it exits anyway. */
const STOP_GRACE_MS = 10_000;

const { values } = parseArgs({ options: { port: { type: "string" }, host: { type: "string" } } });
const port = parseVariables({ "--port": wholeNumber(1, 65535) }, { "--port": values.port }, "option")["--port"];
// As `next start` does, before Next.js is loaded: it reads the mode when it loads.
(process.env as Record<string, string>).NODE_ENV ??= "production";
const { default: next } = await import("next");

const app = next({ dev: false, dir: process.cwd(), port, hostname: values.host });
const handle = app.getRequestHandler();
await app.prepare();
const server = createServer(
  compressedHandler(async (req, res) => {
    try {
      await handle(req, res);
    } catch (error) {
      // Next.js answers its own errors; this is a failure of the server itself.
      console.error(`app server: ${req.method} ${req.url}: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end();
    }
  }),
);
// Without --host on every interface, as `next start`.
server.listen(port, values.host, () => console.log(`App instance ${process.pid} ready on port ${port}`));

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), STOP_GRACE_MS).unref();
  });
}
