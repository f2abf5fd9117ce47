/**
 * An app instance reduced to one publish of the saved tier scheme draft, for
 * tests/integration/fault-publish-kill.test.ts: started as a child process (worker-process.ts),
 * SIGKILLed mid-publish. Arguments: the admin's id and e-mail, the draft's revision.
 */
import { publishTierScheme } from "@/lib/data/rules/tier-scheme";

const [id, email, revision] = process.argv.slice(2);
process.stdout.write("publishing\n");
const result = await publishTierScheme({ id: id!, email, role: "ADMIN" }, { baseRevision: Number(revision), note: "Gold from $1,000" });
process.stdout.write(`published ${JSON.stringify(result)}\n`);
process.exit(0);
