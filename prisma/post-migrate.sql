-- Database objects that Prisma's migration runner cannot express (it splits scripts on
-- every semicolon, so PL/pgSQL bodies cannot live in a migration). Applied after every
-- `prisma migrate deploy` by scripts/lib/migrate.ts; each statement is idempotent.

-- The audit log is append-only: no update, delete or truncate, whatever the client.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
DROP TRIGGER IF EXISTS audit_log_no_update_or_delete ON audit_log;
CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
-- TRUNCATE fires no row triggers, so it gets its own statement-level one (it also fires when
-- audit_log is emptied by a TRUNCATE ... CASCADE of another table). Only the table's owner can
-- disable it; the app connects as a role that does not own the tables (README, database roles).
DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log;
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

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
-- Accounts written before this trigger existed. An anti-join, not a conflict check per account:
-- this runs on every start, and at 1,000,000 accounts that check took 5.3 s to insert nothing (0.6 s so).
INSERT INTO account_segmentation (account_id)
  SELECT a.id FROM accounts a WHERE NOT EXISTS (SELECT 1 FROM account_segmentation r WHERE r.account_id = a.id)
  ON CONFLICT DO NOTHING;

-- account_search holds each account's name and domain for the search box's trigram indexes
-- (migration 20261206200000_account_search): new accounts in one statement-level insert; a
-- changed name or domain row by row, and only then (the WHEN clause is checked without calling
-- the function, and an UPDATE that does not set name or domain does not fire the trigger at all).
CREATE OR REPLACE FUNCTION account_search_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO account_search (account_id, name, domain) SELECT id, name, domain FROM inserted ON CONFLICT (account_id) DO NOTHING;
  RETURN NULL;
END;
$$;
DROP TRIGGER IF EXISTS accounts_search_rows ON accounts;
CREATE TRIGGER accounts_search_rows AFTER INSERT ON accounts
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION account_search_rows();
CREATE OR REPLACE FUNCTION account_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE account_search SET name = NEW.name, domain = NEW.domain WHERE account_id = NEW.id;
  RETURN NULL;
END;
$$;
DROP TRIGGER IF EXISTS accounts_search_update ON accounts;
CREATE TRIGGER accounts_search_update AFTER UPDATE OF name, domain ON accounts
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.domain IS DISTINCT FROM NEW.domain)
  EXECUTE FUNCTION account_search_update();
-- Accounts written between the migration and these triggers (another instance still running).
INSERT INTO account_search (account_id, name, domain)
  SELECT a.id, a.name, a.domain FROM accounts a WHERE NOT EXISTS (SELECT 1 FROM account_search s WHERE s.account_id = a.id);

-- accounts.technology_ids mirrors the account's account_technologies rows (ids ascending, no
-- duplicates), so technology rules and filters test one array per account instead of joining
-- its rows; accounts.technology_categories holds their categories as bits (tech_category_bit),
-- so whitespace and play audiences test integers. Statement-level: a bulk insert or delete
-- refreshes each touched account once. Every touched account's row is rewritten, changed or not
-- (a detection date is a rule input too): its xmin marks it as written (note_input_write); with
-- nothing indexed changed, the rewrite is a HOT update. (The seed fills both itself and loads with this trigger
-- disabled; lib/plays/category-bits.ts is the same bit order in TypeScript.)
CREATE OR REPLACE FUNCTION tech_category_bit(category "TechCategory") RETURNS int LANGUAGE sql STABLE AS $$
  SELECT 1 << (array_position(enum_range(NULL::"TechCategory"), category) - 1)
$$;
CREATE OR REPLACE FUNCTION refresh_technology_ids(account_ids int[]) RETURNS void LANGUAGE sql AS $$
  UPDATE accounts a SET technology_ids = x.ids, technology_categories = x.mask
  FROM (
    SELECT u.id,
      COALESCE((SELECT array_agg(DISTINCT t.technology_id ORDER BY t.technology_id)
                FROM account_technologies t WHERE t.account_id = u.id), '{}') AS ids,
      COALESCE((SELECT bit_or(tech_category_bit(c.category))
                FROM account_technologies t JOIN technologies c ON c.id = t.technology_id WHERE t.account_id = u.id), 0) AS mask
    FROM (SELECT DISTINCT unnest(account_ids) AS id) u
  ) x
  WHERE a.id = x.id
$$;
-- A technology moved to another category changes the bits of every account running it (rare:
-- the catalogue is curated), so a row-level trigger is enough.
CREATE OR REPLACE FUNCTION technology_category_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_technology_ids(ARRAY(SELECT account_id FROM account_technologies WHERE technology_id = NEW.id));
  RETURN NULL;
END;
$$;
DROP TRIGGER IF EXISTS technologies_category_update ON technologies;
CREATE TRIGGER technologies_category_update AFTER UPDATE OF category ON technologies
  FOR EACH ROW WHEN (OLD.category IS DISTINCT FROM NEW.category) EXECUTE FUNCTION technology_category_changed();
CREATE OR REPLACE FUNCTION account_technologies_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM refresh_technology_ids(ARRAY(SELECT account_id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM refresh_technology_ids(ARRAY(SELECT account_id FROM old_rows));
  ELSE
    PERFORM refresh_technology_ids(ARRAY(SELECT account_id FROM new_rows UNION ALL SELECT account_id FROM old_rows));
  END IF;
  RETURN NULL;
END;
$$;
DROP TRIGGER IF EXISTS account_technologies_ids_insert ON account_technologies;
CREATE TRIGGER account_technologies_ids_insert AFTER INSERT ON account_technologies
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION account_technologies_changed();
DROP TRIGGER IF EXISTS account_technologies_ids_update ON account_technologies;
CREATE TRIGGER account_technologies_ids_update AFTER UPDATE ON account_technologies
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION account_technologies_changed();
DROP TRIGGER IF EXISTS account_technologies_ids_delete ON account_technologies;
CREATE TRIGGER account_technologies_ids_delete AFTER DELETE ON account_technologies
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION account_technologies_changed();

-- Campaign responses are rule inputs read from their own rows: a write rewrites the responding
-- accounts' rows too (HOT: nothing indexed changes), so their xmin marks them written, as the
-- technology trigger above does (note_input_write, lib/db/membership/recompute-written.ts). The
-- seed loads with it disabled.
CREATE OR REPLACE FUNCTION campaign_responses_mark_accounts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE accounts a SET id = a.id WHERE a.id IN (SELECT account_id FROM new_rows);
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE accounts a SET id = a.id WHERE a.id IN (SELECT account_id FROM old_rows);
  ELSE
    UPDATE accounts a SET id = a.id WHERE a.id IN (SELECT account_id FROM new_rows UNION SELECT account_id FROM old_rows);
  END IF;
  RETURN NULL;
END;
$$;
DROP TRIGGER IF EXISTS campaign_responses_accounts_insert ON campaign_responses;
CREATE TRIGGER campaign_responses_accounts_insert AFTER INSERT ON campaign_responses
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION campaign_responses_mark_accounts();
DROP TRIGGER IF EXISTS campaign_responses_accounts_update ON campaign_responses;
CREATE TRIGGER campaign_responses_accounts_update AFTER UPDATE ON campaign_responses
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION campaign_responses_mark_accounts();
DROP TRIGGER IF EXISTS campaign_responses_accounts_delete ON campaign_responses;
CREATE TRIGGER campaign_responses_accounts_delete AFTER DELETE ON campaign_responses
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION campaign_responses_mark_accounts();

-- "Last order, newest first" puts accounts without orders last and "oldest first" puts them
-- first (lib/data/account-filters.ts): one index in that order serves both directions and deep
-- pages. Prisma's schema cannot express NULLS LAST, so it lives here.
CREATE INDEX IF NOT EXISTS accounts_last_order_at_desc_nulls_last_idx ON accounts (last_order_at DESC NULLS LAST, id DESC);
-- Its second column lets PostgreSQL 18 skip-scan it for `id = ANY(ids)`, the lookup of given
-- accounts (plays, memberships and scores of written or moved accounts). With the few hundred
-- distinct last-order days a real table has, the planner priced that below the primary key once
-- the key had grown with rewritten rows and this index was freshly built (after the seed or a
-- large import), and then read this whole index: 3,000 ids at 1,000,000 accounts in 140-230 ms
-- instead of 15 ms (docs/benchmarks.md, session 21). Declared as a tenth of the rows, the distinct
-- count prices that skip scan as what it is. Nothing groups or joins by the exact day, and range
-- conditions on it ("days since the last order") are estimated from its histogram, not from this.
ALTER TABLE accounts ALTER COLUMN last_order_at SET (n_distinct = -0.1);

-- Wake the webhook dispatcher (lib/webhooks/dispatch.ts) when ledger rows commit: one queued
-- 'webhook-dispatch' job per statement that writes membership_events, only while some endpoint is
-- active. The job is part of the writer's transaction (it exists if and only if the rows commit)
-- and has no job key, so concurrent writers never wait on each other's queue row; the dispatcher
-- takes turns on its cursor row, and a wake-up that finds nothing new ends at once.
CREATE OR REPLACE FUNCTION webhook_dispatch_wake() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM webhook_endpoints WHERE active) THEN
    PERFORM graphile_worker.add_job('webhook-dispatch', '{}'::json, max_attempts => 25);
  END IF;
  RETURN NULL;
END;
$$;
DROP TRIGGER IF EXISTS membership_events_webhook_wake ON membership_events;
CREATE TRIGGER membership_events_webhook_wake AFTER INSERT ON membership_events
  FOR EACH STATEMENT EXECUTE FUNCTION webhook_dispatch_wake();

-- The ledger (membership_events) and account_segments have no foreign keys to accounts and
-- segments (prisma/schema.prisma says why): deleting accounts or segments deletes their rows
-- here, once per statement (for accounts, one pass over account_segments, which has no
-- (account_id) index; the app deletes no accounts, only scripts do, in bulk). The ledger's
-- per-segment index is partial: tier and play rows (most of the ledger) never enter it.
CREATE OR REPLACE FUNCTION membership_events_of_deleted_accounts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM membership_events e USING deleted d WHERE e.account_id = d.id;
  DELETE FROM account_segments s USING deleted d WHERE s.account_id = d.id;
  RETURN NULL;
END;
$$;
DROP TRIGGER IF EXISTS accounts_membership_events_delete ON accounts;
CREATE TRIGGER accounts_membership_events_delete AFTER DELETE ON accounts
  REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION membership_events_of_deleted_accounts();
CREATE OR REPLACE FUNCTION account_segments_of_deleted_segments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM account_segments s USING deleted d WHERE s.segment_id = d.id;
  RETURN NULL;
END;
$$;
DROP TRIGGER IF EXISTS segments_account_segments_delete ON segments;
CREATE TRIGGER segments_account_segments_delete AFTER DELETE ON segments
  REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION account_segments_of_deleted_segments();
CREATE INDEX IF NOT EXISTS membership_events_segment_id_at_idx ON membership_events (segment_id, at) WHERE segment_id IS NOT NULL;
-- Bulk writes without per-row index maintenance (lib/db/bulk-indexes.ts): a write that fills most
-- of a table drops its secondary indexes (not unique, backing no constraint) and builds them again
-- before its transaction ends. Only the owner may drop an index, and the app's role owns nothing,
-- so these two run as the owner (SECURITY DEFINER), on the listed tables only. The definitions
-- they build again are the ones bulk_drop_indexes read (pg_get_indexdef) into
-- bulk_dropped_indexes, which the app's role may not touch: it never supplies SQL the owner runs.
-- bulk_drop_indexes waits at most lock_wait_ms for the tables' exclusive locks; when another
-- transaction holds one past that (or PostgreSQL cancels the wait to break a lock cycle), it
-- drops nothing and returns no names: the write then goes through the indexes.
-- `keys`: tables whose primary key goes too (account_segments, membership_events: no foreign key
-- points at them, and a write that inserts millions of rows into them spent about as long on each
-- row's key entry as on the row; docs/benchmarks.md, session 22). Such a table not already locked
-- for its secondary indexes is taken only if no one holds it (NOWAIT): a reader keeps its key.
-- bulk_build_indexes builds them all again, or only the named ones (a key the write needs back
-- before its transaction goes on).
DROP FUNCTION IF EXISTS bulk_drop_indexes(text[], integer);
DROP FUNCTION IF EXISTS bulk_build_indexes();
CREATE OR REPLACE FUNCTION bulk_drop_indexes(tables text[], lock_wait_ms integer, keys text[] DEFAULT '{}') RETURNS text[]
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  targets regclass[];
  locked regclass[];
  waited text := current_setting('lock_timeout');
  dropped text[] := '{}';
  idx record;
BEGIN
  IF NOT tables <@ ARRAY['accounts', 'account_search', 'account_segmentation', 'account_segments', 'membership_events']
     OR NOT keys <@ ARRAY['account_segments', 'membership_events'] THEN
    RAISE EXCEPTION 'bulk_drop_indexes: % may not lose its indexes', tables || keys USING ERRCODE = 'insufficient_privilege';
  END IF;
  targets := ARRAY(SELECT ('public.' || quote_ident(t))::regclass FROM unnest(tables) AS t);
  -- Only the tables that lose an index are locked.
  locked := ARRAY(SELECT DISTINCT x.indrelid::regclass FROM pg_index x WHERE x.indrelid = ANY(targets) AND NOT x.indisunique
    AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid));
  IF cardinality(locked) > 0 THEN
    PERFORM set_config('lock_timeout', lock_wait_ms::text, true);
    BEGIN
      EXECUTE 'LOCK TABLE ' || array_to_string(locked::text[], ', ') || ' IN ACCESS EXCLUSIVE MODE';
    EXCEPTION WHEN lock_not_available OR deadlock_detected THEN
      PERFORM set_config('lock_timeout', waited, true);
      RETURN dropped;
    END;
    PERFORM set_config('lock_timeout', waited, true);
  END IF;
  FOR idx IN
    SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
    WHERE x.indrelid = ANY(locked) AND NOT x.indisunique
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
    ORDER BY x.indrelid::regclass::text, i.relname
  LOOP
    INSERT INTO bulk_dropped_indexes (xid, name, definition) VALUES (pg_current_xact_id()::text::bigint, idx.name, idx.definition);
    EXECUTE 'DROP INDEX public.' || quote_ident(idx.name);
    dropped := dropped || idx.name::text;
  END LOOP;
  FOR idx IN
    SELECT c.conname AS name, c.conrelid::regclass AS rel, pg_get_constraintdef(c.oid) AS definition
    FROM pg_constraint c
    WHERE c.contype = 'p' AND c.conrelid = ANY(ARRAY(SELECT ('public.' || quote_ident(t))::regclass FROM unnest(keys) AS t))
      AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.confrelid = c.conrelid)
    ORDER BY c.conrelid::regclass::text
  LOOP
    IF NOT idx.rel = ANY(locked) THEN
      BEGIN
        EXECUTE 'LOCK TABLE ' || idx.rel::text || ' IN ACCESS EXCLUSIVE MODE NOWAIT';
      EXCEPTION WHEN lock_not_available THEN
        CONTINUE;
      END;
    END IF;
    INSERT INTO bulk_dropped_indexes (xid, name, definition)
    VALUES (pg_current_xact_id()::text::bigint, idx.name, format('ALTER TABLE %s ADD CONSTRAINT %I %s', idx.rel, idx.name, idx.definition));
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', idx.rel, idx.name);
    dropped := dropped || idx.name::text;
  END LOOP;
  RETURN dropped;
END;
$$;
CREATE OR REPLACE FUNCTION bulk_build_indexes(names text[] DEFAULT NULL) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  idx record;
  built integer := 0;
BEGIN
  FOR idx IN DELETE FROM bulk_dropped_indexes WHERE xid = pg_current_xact_id()::text::bigint AND (names IS NULL OR name = ANY(names))
             RETURNING name, definition LOOP
    EXECUTE idx.definition;
    built := built + 1;
  END LOOP;
  RETURN built;
END;
$$;
REVOKE EXECUTE ON FUNCTION bulk_drop_indexes(text[], integer, text[]), bulk_build_indexes(text[]) FROM PUBLIC;

-- account_segmentation.tier_id has no foreign key either (migration
-- 20261206164431_account_segmentation_tier_without_key): a deleted tier's members become
-- untiered, as ON DELETE SET NULL did, once per statement.
CREATE OR REPLACE FUNCTION account_segmentation_of_deleted_tiers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE account_segmentation r SET tier_id = NULL FROM deleted d WHERE r.tier_id = d.id;
  RETURN NULL;
END;
$$;
DROP TRIGGER IF EXISTS tiers_account_segmentation_delete ON tiers;
CREATE TRIGGER tiers_account_segmentation_delete AFTER DELETE ON tiers
  REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION account_segmentation_of_deleted_tiers();

-- Input writes (lib/db/membership/input-stamp.ts): every transaction that writes an account, its
-- technologies or campaign responses, or a stored membership outside the recompute code, leaves
-- its transaction id in input_writes, once per statement (ON CONFLICT: once per transaction), so
-- a recompute can tell whether anything it reads changed since a snapshot: a row whose
-- transaction is not visible in that snapshot. Statement-level: a bulk write costs one insert.
-- The recompute code sets tierwise.derived_write for writes that keep its stamps true.
-- written_accounts_marked stays true while every statement of the transaction rewrote the rows
-- of the accounts it changed: an UPDATE of accounts, or a write of their technologies or campaign
-- responses (whose triggers, refresh_technology_ids and campaign_responses_mark_accounts, rewrite
-- each account's row). The accounts it changed are then
-- rows whose xmin is that transaction (lib/db/membership/recompute-written.ts). Once false it is
-- not written again.
CREATE OR REPLACE FUNCTION note_input_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'account_segmentation' AND current_setting('tierwise.derived_write', true) = 'on' THEN
    RETURN NULL;
  END IF;
  INSERT INTO input_writes (xid, written_accounts_marked)
  VALUES (pg_current_xact_id()::text::bigint,
    (TG_TABLE_NAME = 'accounts' AND TG_OP = 'UPDATE')
    OR (TG_TABLE_NAME IN ('account_technologies', 'campaign_responses') AND TG_OP <> 'TRUNCATE'))
  ON CONFLICT (xid) DO UPDATE SET written_accounts_marked = false
    WHERE input_writes.written_accounts_marked AND NOT EXCLUDED.written_accounts_marked;
  RETURN NULL;
END;
$$;
DROP TRIGGER IF EXISTS accounts_input_write ON accounts;
CREATE TRIGGER accounts_input_write AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON accounts
  FOR EACH STATEMENT EXECUTE FUNCTION note_input_write();
DROP TRIGGER IF EXISTS account_technologies_input_write ON account_technologies;
CREATE TRIGGER account_technologies_input_write AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON account_technologies
  FOR EACH STATEMENT EXECUTE FUNCTION note_input_write();
DROP TRIGGER IF EXISTS campaign_responses_input_write ON campaign_responses;
CREATE TRIGGER campaign_responses_input_write AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON campaign_responses
  FOR EACH STATEMENT EXECUTE FUNCTION note_input_write();
DROP TRIGGER IF EXISTS account_segmentation_input_write ON account_segmentation;
CREATE TRIGGER account_segmentation_input_write AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON account_segmentation
  FOR EACH STATEMENT EXECUTE FUNCTION note_input_write();

-- Data changes (lib/data/aggregate-cache.ts): every transaction that writes data the pages show
-- leaves its id in data_changes, once per statement (ON CONFLICT: once per transaction). The
-- number of rows a statement sees plus data_changes_pruned's count is the number of writing
-- transactions whose commit it sees, so the shared aggregates' stamp changes exactly when one
-- commits, in whatever order. Not watched: sign-in and session bookkeeping, the audit log, import
-- jobs, API keys and rate windows, job and webhook queues, the recompute's own stamps (pages do
-- not aggregate them; several change on every sign-in or API call). users: only the columns pages
-- show or scope by (a sign-in's password rehash or second-factor step is not a change).
CREATE OR REPLACE FUNCTION note_data_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO data_changes (xid) VALUES (pg_current_xact_id()::text::bigint) ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['accounts', 'orders', 'engagement_events', 'campaign_responses', 'technologies',
    'account_technologies', 'tiers', 'tier_scheme_draft', 'tier_scheme_versions', 'account_segmentation',
    'segments', 'segment_versions', 'account_segments', 'membership_events', 'scoring_config', 'plays',
    'play_versions', 'play_outcomes', 'change_dismissals'] LOOP
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t || '_data_change', t);
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION note_data_change()', t || '_data_change', t);
  END LOOP;
END;
$$;
DROP TRIGGER IF EXISTS users_data_change ON users;
CREATE TRIGGER users_data_change AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF email, name, role, active, daily_capacity, changes_seen_at ON users
  FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();

-- The keys of the rows an import writes in bulk (orders, engagement events, technologies; new
-- accounts' owners, and the account_segmentation and account_search rows the accounts triggers
-- add for them) may be deferred: an import's dry run defers them (lib/import/run.ts), so their
-- per-row checks, queued until a commit that never comes, are never run (0.4-0.5 s per 100,000
-- orders; 0.5 s for 50,000 new accounts' two derived rows). Every other write checks them row by
-- row as before (INITIALLY IMMEDIATE), a commit included. Their ON DELETE and ON UPDATE actions
-- are never deferred.
ALTER TABLE orders ALTER CONSTRAINT orders_account_id_fkey DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE engagement_events ALTER CONSTRAINT engagement_events_account_id_fkey DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE account_technologies ALTER CONSTRAINT account_technologies_account_id_fkey DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE account_technologies ALTER CONSTRAINT account_technologies_technology_id_fkey DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE accounts ALTER CONSTRAINT accounts_owner_id_fkey DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE account_segmentation ALTER CONSTRAINT account_segmentation_account_id_fkey DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE account_search ALTER CONSTRAINT account_search_account_id_fkey DEFERRABLE INITIALLY IMMEDIATE;
