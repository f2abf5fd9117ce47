-- CreateIndex
CREATE INDEX "accounts_owner_id_id_idx" ON "accounts"("owner_id", "id");

