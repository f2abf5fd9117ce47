/**
 * An app instance reduced to its job worker, for tests/integration/jobs-crash.test.ts: started as
 * a child process (node --conditions=react-server --import tsx), SIGKILLed, started again. Its
 * sweep runs often and trusts locks after 1 s so the test takes seconds (the app: 5 s and 5 s).
 */
import { startWorker } from "@/lib/jobs/worker";

await startWorker({ refresh: false, sweepEveryMs: 200, sweepGraceMs: 1_000, pollIntervalMs: 500 });
process.stdout.write("worker ready\n");
