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

-- Every account has its account_segmentation row from the moment it exists (untiered, score 0),
-- so lists can inner-join it. Statement-level, so bulk inserts add the rows in one go.
CREATE OR REPLACE FUNCTION account_segmentation_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO account_segmentation (account_id) SELECT id FROM inserted ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;
DROP TRIGGER IF EXISTS accounts_segmentation_rows ON accounts;
CREATE TRIGGER accounts_segmentation_rows AFTER INSERT ON accounts
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION account_segmentation_rows();
INSERT INTO account_segmentation (account_id) SELECT id FROM accounts ON CONFLICT DO NOTHING;
