-- DropIndex
DROP INDEX "accounts_last_order_at_idx";

-- DropIndex
DROP INDEX "accounts_owner_id_lifetime_value_idx";

