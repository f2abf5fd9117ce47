import type { Metadata } from "next";
import { ApiReferenceLoader } from "@/components/admin/api/api-reference-loader";
import { BackLink } from "@/components/ui/back-link";
import { openApiDocument } from "@/lib/api/openapi";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "API reference" };

export default async function ApiReferencePage() {
  // Any signed-in user may read it (the document itself is public); keys are an admin's business.
  const user = await requireUser();
  return (
    <div className="space-y-4">
      {user.role === "ADMIN" && <BackLink href="/admin/api">API & webhooks</BackLink>}
      <div className="overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
        <ApiReferenceLoader document={JSON.parse(JSON.stringify(openApiDocument())) as Record<string, unknown>} />
      </div>
    </div>
  );
}
