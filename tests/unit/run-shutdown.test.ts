/**
 * scripts/lib/run.ts: stopping the children waits for them to exit, so `npm start` stops the
 * database only after the app has let go of it (not while its worker still holds connections).
 */
import { expect, test } from "vitest";
import { start, stopChildren } from "@/scripts/lib/run";

test("stopChildren resolves after a child that takes a moment to stop has exited", async () => {
  const events: string[] = [];
  // The child answers SIGTERM only after 300 ms, as the app lets its running jobs finish.
  const child = start(process.execPath, ["-e", "process.on('SIGTERM', () => setTimeout(() => process.exit(0), 300)); console.log('ready'); setInterval(() => {}, 1000);"]);
  child.on("exit", () => events.push("child exited"));
  await new Promise((resolve) => setTimeout(resolve, 300)); // its handler is installed
  await stopChildren();
  events.push("stopChildren resolved");
  expect(events).toEqual(["child exited", "stopChildren resolved"]);
});
