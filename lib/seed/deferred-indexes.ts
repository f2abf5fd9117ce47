import type pg from "pg";

/**
 * Bulk-load trick from the PostgreSQL manual ("Populating a Database"): building an index once
 * after loading is far cheaper than maintaining it row by row, and one foreign-key validation
 * query beats a trigger per row. Accounts carry ~20 indexes, so this is most of the seed time.
 *
 * Drops the indexes that do not back a constraint (plain and unique indexes; Prisma creates
 * @unique as unique indexes) and the foreign keys from and to `tables`, remembering their exact
 * definitions from the catalogue, and returns a function that recreates them under the same names,
 * so the schema ends up exactly as migrated. Primary keys stay: appending ascending ids is cheap.
 * Uniqueness and references are checked when the indexes and constraints come back.
 * Must run inside a transaction: if anything fails, the rollback restores the dropped objects.
 */
export async function dropSecondaryIndexes(client: pg.PoolClient, tables: readonly string[]): Promise<() => Promise<void>> {
  const indexes = await client.query<{ name: string; definition: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
     FROM pg_index i
     WHERE i.indrelid = ANY($1::regclass[])
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = i.indrelid AND k.conindid = i.indexrelid)
     ORDER BY 1`,
    [tables],
  );
  const foreignKeys = await client.query<{ tableName: string; name: string; definition: string }>(
    `SELECT conrelid::regclass::text AS "tableName", quote_ident(conname) AS name, pg_get_constraintdef(oid) AS definition
     FROM pg_constraint
     WHERE contype = 'f' AND (conrelid = ANY($1::regclass[]) OR confrelid = ANY($1::regclass[]))
     ORDER BY 1, 2`,
    [tables],
  );
  for (const fk of foreignKeys.rows) await client.query(`ALTER TABLE ${fk.tableName} DROP CONSTRAINT ${fk.name}`);
  for (const index of indexes.rows) await client.query(`DROP INDEX ${index.name}`);

  return async () => {
    for (const index of indexes.rows) await client.query(index.definition);
    for (const fk of foreignKeys.rows) {
      await client.query(`ALTER TABLE ${fk.tableName} ADD CONSTRAINT ${fk.name} ${fk.definition}`);
    }
  };
}
