/**
 * An import's dry run defers the foreign keys of the rows it writes (orders, events, technologies,
 * new accounts' owners and derived rows: prisma/post-migrate.sql), since it rolls back and their
 * checks would only run at a commit that never comes. Every other write, a commit included,
 * still checks them as it writes. Shown with an account deleted by someone else while the import
 * runs, after its rows were matched to the account and before they are written: the dry run goes
 * on and reports them; the commit fails on the key and writes nothing.
 */
import { beforeAll, describe, expect, test } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { runImport } from "@/lib/import/run";
import { uploadPath } from "@/lib/import/storage";
import type { RunMode } from "@/lib/import/job";
import { resetDatabase } from "../support/reset-db";
import { createAccount, createUser } from "../support/fixtures";
import { upload } from "../support/import";

const KEYS = [
  "orders_account_id_fkey",
  "engagement_events_account_id_fkey",
  "account_technologies_account_id_fkey",
  "account_technologies_technology_id_fkey",
  "accounts_owner_id_fkey",
  "account_segmentation_account_id_fkey",
  "account_search_account_id_fkey",
];

let admin: SessionUser;

beforeAll(async () => {
  await resetDatabase();
  admin = await createUser("ADMIN", "admin@test.local", "Ada Admin");
});

/** An orders file for kept.example and gone.example, run with gone.example deleted just before the rows are written. */
async function runWithAccountGone(mode: RunMode) {
  await db.account.deleteMany({ where: { domain: { in: ["kept.example", "gone.example"] } } });
  await createAccount({ domain: "kept.example", name: "Kept" });
  const gone = await createAccount({ domain: "gone.example", name: "Gone" });
  const csv = ["Order ID,Account domain,Order date,Amount", "K-1,kept.example,2026-01-15,1000", "G-1,gone.example,2026-01-16,2000"].join("\n");
  const job = await upload(admin, "orders", `race-${mode}.csv`, csv);
  return runImport({
    jobId: job.id,
    kind: "orders",
    fileName: job.fileName,
    path: uploadPath(job.id),
    mapping: job.summary.mapping!,
    mode,
    actor: admin,
    onProgress: async ({ phase }) => {
      // On another connection, committed at once: the import's rows already name the account.
      if (phase === "writing" && (await db.account.count({ where: { id: gone } })) > 0) await db.account.delete({ where: { id: gone } });
    },
  });
}

describe("an import's dry run defers the keys of the rows it writes", () => {
  test("the keys are deferrable and checked at once unless deferred", async () => {
    const rows = await db.$queryRaw<{ name: string; deferrable: boolean; deferred: boolean }[]>`
      SELECT conname::text AS name, condeferrable AS deferrable, condeferred AS deferred FROM pg_constraint WHERE conname = ANY(${KEYS}::text[])`;
    expect(rows.sort((x, y) => x.name.localeCompare(y.name))).toEqual(KEYS.toSorted().map((name) => ({ name, deferrable: true, deferred: false })));
    // A write outside a dry run is refused by the key as it is made.
    await expect(db.$executeRaw`INSERT INTO orders (account_id, ordered_at, amount, product_line, external_id) VALUES (2147483647, '2026-01-01', 1, 'x', 'X-1')`).rejects.toThrow(
      /foreign key/i,
    );
    await expect(db.$executeRaw`INSERT INTO account_segmentation (account_id) VALUES (2147483647)`).rejects.toThrow(/foreign key/i);
    await expect(db.$executeRaw`INSERT INTO account_search (account_id, name, domain) VALUES (2147483647, 'x', 'x.example')`).rejects.toThrow(/foreign key/i);
    await expect(createAccount({ domain: "owned.example", name: "Owned", ownerId: "no-such-user" })).rejects.toThrow(/foreign key/i);
  });

  test("a dry run goes on when an account is deleted meanwhile, and reports its rows", async () => {
    const outcome = await runWithAccountGone("dryRun");
    expect(outcome.refused).toBe(false);
    expect(outcome.report).toMatchObject({ created: 2, updated: 0 });
    expect(await db.order.count({ where: { externalId: { in: ["K-1", "G-1"] } } })).toBe(0);
  });

  test("a commit fails on the key and writes nothing", async () => {
    await expect(runWithAccountGone("commit")).rejects.toThrow(/foreign key/i);
    expect(await db.order.count({ where: { externalId: { in: ["K-1", "G-1"] } } })).toBe(0);
  });
});
