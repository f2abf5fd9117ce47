import { notFound } from "next/navigation";
import { ReassignPanel } from "@/components/admin/users/reassign-panel";
import { PageHeader } from "@/components/ui/page-header";
import { canSeeAllAccounts } from "@/lib/auth/access";
import { restrictedMetadata } from "@/lib/auth/restricted-metadata";
import { requireUser } from "@/lib/auth/session";
import { segmentOptions } from "@/lib/data/lookups";
import { listReassignTargets } from "@/lib/data/users";

export const generateMetadata = restrictedMetadata("Reassign accounts", canSeeAllAccounts);

/** Managers and admins move accounts between reps (the actions check the role again). */
export default async function ReassignPage() {
  const user = await requireUser();
  if (!canSeeAllAccounts(user)) notFound();
  const [reps, segments] = await Promise.all([listReassignTargets(user), segmentOptions()]);
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PageHeader
        title="Reassign accounts"
        description="Move one account, every account of a segment, or every account of a filtered list (paste its URL) to a sales rep."
      />
      <section className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <ReassignPanel segments={segments} reps={reps.map((r) => ({ value: r.id, label: `${r.name} (${r.email})` }))} />
      </section>
    </div>
  );
}
