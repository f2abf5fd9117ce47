/**
 * The app's database role: it reads and writes rows but owns nothing, so the app's connection can
 * neither empty the audit log (TRUNCATE), nor drop its append-only triggers, nor change a table.
 * The owner (the migration role) runs migrations, the seed and test resets; after every migration
 * it grants the app role what the app, its job worker (graphile-worker's schema) and its temporary
 * tables need, and sets default privileges so objects the next migration creates are covered too.
 */
import pg from "pg";

/** The app's role in the embedded database (its password is the cluster's local one). */
export const APP_ROLE = "tierwise_app";

/** Schemas the app uses: Prisma's tables and the job queue's. */
const SCHEMAS = ["public", "graphile_worker"];

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * Every statement that gives `role` exactly what the app needs, run by the owner in `database`.
 * README's "Database roles" section lists the same statements for an operator's own server.
 */
export function grantStatements(role: string, database: string): string[] {
  const r = ident(role);
  const schemas = SCHEMAS.map(ident).join(", ");
  const statements = [
    // TEMPORARY: imports and API writes stage rows in temporary tables.
    `GRANT CONNECT, TEMPORARY ON DATABASE ${ident(database)} TO ${r}`,
    `GRANT USAGE ON SCHEMA ${schemas} TO ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schemas} TO ${r}`,
    `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${schemas} TO ${r}`,
    `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${schemas} TO ${r}`,
    // Append-only: its triggers refuse UPDATE and DELETE anyway; the app is not even allowed to try.
    `REVOKE UPDATE, DELETE, TRUNCATE ON TABLE public.audit_log FROM ${r}`,
    // Index definitions the owner's bulk_build_indexes runs (prisma/post-migrate.sql): only the
    // owner's functions write them.
    `REVOKE ALL ON TABLE public.bulk_dropped_indexes FROM ${r}`,
    // graphile-worker turns row-level security on for its tables (no policies: only their owner
    // sees rows); the app's worker needs every row of them.
    `DO $$
DECLARE t regclass;
BEGIN
  FOR t IN SELECT c.oid::regclass FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname IN (${SCHEMAS.map(literal).join(", ")}) AND c.relkind = 'r' AND c.relrowsecurity LOOP
    EXECUTE format('DROP POLICY IF EXISTS %I ON %s', ${literal(`${role}_all_rows`)}, t);
    EXECUTE format('CREATE POLICY %I ON %s TO %I USING (true) WITH CHECK (true)', ${literal(`${role}_all_rows`)}, t, ${literal(role)});
  END LOOP;
END $$`,
  ];
  for (const schema of SCHEMAS.map(ident)) {
    // Default privileges apply to objects the role running the migration creates from now on.
    statements.push(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${r}`,
      `ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${r}`,
      `ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT EXECUTE ON FUNCTIONS TO ${r}`,
    );
  }
  return statements;
}

/** Run the grants for `role` over the owner's connection (idempotent). */
export async function grantAppRole(ownerUrl: string, role: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ db: string; me: string }>("SELECT current_database() AS db, current_user::text AS me");
    // The owner granting "the app" is the one-URL setup: revoking from itself would lock it out.
    if (rows[0]!.me === role) return;
    await client.query(grantStatements(role, rows[0]!.db).join(";\n"));
  } finally {
    await client.end();
  }
}

/** Create (or re-password) a role that logs in and may do nothing else until granted. */
export async function ensureRole(ownerUrl: string, role: string, password: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const exists = (await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role])).rowCount! > 0;
    const verb = exists ? "ALTER" : "CREATE";
    await client.query(`${verb} ROLE ${ident(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD ${literal(password)}`);
  } finally {
    await client.end();
  }
}

/** The embedded database's app role (APP_ROLE). */
export function ensureAppRole(ownerUrl: string, password: string): Promise<void> {
  return ensureRole(ownerUrl, APP_ROLE, password);
}

/** `url` with another user and password (same server and database). */
export function urlAs(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(user);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

/** The user name a PostgreSQL URL connects as. */
export function userOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}
