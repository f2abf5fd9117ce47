import { BookOpen, FileJson, KeyRound } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ApiKeysTable } from "@/components/admin/api/api-keys-table";
import { NewKeyDialog } from "@/components/admin/api/new-key-dialog";
import { WebhooksSection } from "@/components/admin/webhooks/webhooks-section";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { isAdmin, restrictedMetadata } from "@/lib/auth/restricted-metadata";
import { requireUser } from "@/lib/auth/session";
import { listApiKeys } from "@/lib/data/api-keys";
import { listWebhookAttempts, listWebhookEndpoints } from "@/lib/data/webhooks";
import { env } from "@/lib/env";
import { formatNumber, plural } from "@/lib/utils/format";

export const generateMetadata = restrictedMetadata("API & webhooks", isAdmin);

export default async function ApiAdminPage() {
  const user = await requireUser();
  if (user.role !== "ADMIN") notFound();
  const keys = await listApiKeys(user);
  const active = keys.filter((key) => key.status === "active").length;
  const endpoints = await listWebhookEndpoints(user);
  const attempts = Object.fromEntries(await Promise.all(endpoints.map(async (e) => [e.id, await listWebhookAttempts(user, e.id)] as const)));

  return (
    <div className="space-y-6">
      <PageHeader
        title="API & webhooks"
        description="Let the systems where your data lives (CRM, ERP, warehouse) read tiers and segments and write accounts, orders and activity through the REST API. Changes they write reach tiers and segments moments later: recomputed in the background right after the write."
        actions={
          <div className="flex flex-wrap gap-2">
            <Link href="/admin/api/reference" className={buttonClass("secondary")}>
              <BookOpen className="h-4 w-4" aria-hidden />
              API reference
            </Link>
            <a href="/api/v1/openapi.json" className={buttonClass("secondary")}>
              <FileJson className="h-4 w-4" aria-hidden />
              OpenAPI document
            </a>
          </div>
        }
      />

      <Card
        id="api-keys-heading"
        title="API keys"
        description={
          keys.length > 0
            ? `${formatNumber(active)} active of ${plural(keys.length, "key")}. Each request sends one as "Authorization: Bearer <key>"; ${formatNumber(env().TIERWISE_API_RATE_LIMIT)} requests a minute per key.`
            : undefined
        }
        actions={<NewKeyDialog />}
        bodyClassName="p-0"
      >
        {keys.length > 0 ? (
          <ApiKeysTable keys={keys} />
        ) : (
          <div className="px-6 py-12 text-center" data-testid="empty-state">
            <span className="mx-auto mb-3 flex h-11 w-11 items-center justify-center rounded-full bg-brand-50 text-brand-700">
              <KeyRound className="h-5 w-5" aria-hidden />
            </span>
            <h3 className="text-sm font-semibold text-slate-900">No API keys yet</h3>
            <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">
              Create a key for each system that talks to Tierwise, with only the scopes it needs. Its secret is shown once; you can revoke it at any time.
            </p>
          </div>
        )}
      </Card>

      <WebhooksSection endpoints={endpoints} attempts={attempts} />
    </div>
  );
}
