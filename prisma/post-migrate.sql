-- Database objects that Prisma's migration runner cannot express (it splits scripts on
-- every semicolon, so PL/pgSQL bodies cannot live in a migration). Applied after every
-- `prisma migrate deploy` by scripts/lib/migrate.ts; each statement is idempotent.

-- The audit log is append-only: no update or delete, whatever the client.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
DROP TRIGGER IF EXISTS audit_log_no_update_or_delete ON audit_log;
CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
