/**
 * The production server of `npm start`: the app (scripts/app-server.ts) in several instances on
 * one port (scripts/lib/instances.ts), TIERWISE_INSTANCES of them (unset: one per core, at most 4).
 *
 *   npx tsx scripts/serve.ts --port 3000 [--instances 2]
 */
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { env, parseVariables, wholeNumber } from "../lib/env";
import { runInstances } from "./lib/instances";

/** Instances when TIERWISE_INSTANCES is unset: one per core, at most this many (each holds its own connection pool and caches). */
const MAX_DEFAULT_INSTANCES = 4;

const { values } = parseArgs({ options: { port: { type: "string" }, instances: { type: "string" } } });
const options = parseVariables({ "--port": wholeNumber(1, 65535), "--instances": wholeNumber(1, 64).optional() }, { "--port": values.port, "--instances": values.instances }, "option");
const instances = options["--instances"] ?? env().TIERWISE_INSTANCES ?? Math.min(os.availableParallelism(), MAX_DEFAULT_INSTANCES);
console.log(`Serving with ${instances} app instance${instances === 1 ? "" : "s"} (TIERWISE_INSTANCES)…`);
const code = await runInstances({
  instances,
  exec: path.resolve("scripts/app-server.ts"),
  args: ["--port", String(options["--port"])],
  execArgv: ["--import", "tsx"],
});
process.exit(code);
