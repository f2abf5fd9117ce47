/**
 * A webhook receiver on 127.0.0.1 for the webhook tests: records every request (headers and the
 * exact body) and answers with the next planned response (200 when none is planned).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface PlannedAnswer {
  status: number;
  body?: string;
  headers?: Record<string, string>;
  /** Never answer (the connection stays open until the server closes). */
  hang?: boolean;
}

export interface Receiver {
  url: string;
  port: number;
  received: Received[];
  plan: PlannedAnswer[];
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const plan: PlannedAnswer[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) if (typeof value === "string") headers[name] = value;
      received.push({ path: request.url ?? "/", headers, body: Buffer.concat(chunks).toString("utf8") });
      const answer = plan.shift() ?? { status: 200, body: "ok" };
      if (answer.hang) return;
      response.writeHead(answer.status, answer.headers ?? { "content-type": "text/plain" });
      response.end(answer.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    port,
    received,
    plan,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The events of every batch received, in arrival order. */
export function receivedEvents(received: readonly Received[]): { id: string; type: string; data: Record<string, unknown> }[] {
  return received.flatMap((request) => (JSON.parse(request.body) as { events: { id: string; type: string; data: Record<string, unknown> }[] }).events);
}
