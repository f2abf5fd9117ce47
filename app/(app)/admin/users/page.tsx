import { notFound } from "next/navigation";
import { CreateUserDialog } from "@/components/admin/users/create-user-dialog";
import { ReassignPanel } from "@/components/admin/users/reassign-panel";
import { TwoFactorPolicy } from "@/components/admin/users/two-factor-policy";
import { UsersTable } from "@/components/admin/users/users-table";
import { isAdmin, restrictedMetadata } from "@/lib/auth/restricted-metadata";
import { requireUser } from "@/lib/auth/session";
import { setTwoFactorPolicyAction } from "@/lib/actions/two-factor";
import { segmentOptions } from "@/lib/data/lookups";
import { twoFactorRequiredForAdmins, usersWithTwoFactor } from "@/lib/data/two-factor";
import { listReassignTargets, listUsers } from "@/lib/data/users";
import { formatNumber } from "@/lib/utils/format";

export const generateMetadata = restrictedMetadata("Users", isAdmin);

export default async function UsersPage() {
  const user = await requireUser();
  if (user.role !== "ADMIN") notFound();
  const [users, reps, segments, twoFactorRequired, twoFactorUserIds] = await Promise.all([
    listUsers(user),
    listReassignTargets(user),
    segmentOptions(),
    twoFactorRequiredForAdmins(),
    usersWithTwoFactor(user),
  ]);
  const active = users.filter((u) => u.active).length;

  return (
    <div className="space-y-8">
      <section className="space-y-4" aria-labelledby="users-heading">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h1 id="users-heading" className="text-2xl font-semibold tracking-tight text-slate-900">
              Users
            </h1>
            <p className="text-sm text-slate-600">
              {formatNumber(active)} active of {formatNumber(users.length)}. Deactivating a user or resetting a password signs them out everywhere.
            </p>
          </div>
          <CreateUserDialog />
        </div>
        <UsersTable users={users} currentUserId={user.id} twoFactorUserIds={twoFactorUserIds} />
      </section>

      <section className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200" aria-label="Two-factor sign-in policy">
        <TwoFactorPolicy required={twoFactorRequired} toggle={setTwoFactorPolicyAction.bind(null, !twoFactorRequired)} />
      </section>

      <section className="space-y-3 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200" aria-labelledby="reassign-heading">
        <h2 id="reassign-heading" className="text-base font-semibold text-slate-900">
          Reassign accounts
        </h2>
        <ReassignPanel segments={segments} reps={reps.map((r) => ({ value: r.id, label: `${r.name} (${r.email})` }))} />
      </section>
    </div>
  );
}
