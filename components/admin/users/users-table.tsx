import Link from "next/link";
import { changeUserRoleAction, resetUserPasswordAction, setUserActiveAction } from "@/lib/actions/users";
import type { UserSummary } from "@/lib/data/users";
import { enumLabel } from "@/lib/domain/enums";
import type { Role } from "@/lib/generated/prisma/enums";
import { cn } from "@/lib/utils/cn";
import { formatDate, formatNumber } from "@/lib/utils/format";
import { UserActions } from "./user-actions";

const ROLE_STYLE: Record<Role, string> = {
  ADMIN: "bg-brand-50 text-brand-700 ring-brand-200",
  MANAGER: "bg-amber-50 text-amber-800 ring-amber-200",
  REP: "bg-slate-100 text-slate-700 ring-slate-200",
};

function Badge({ className, children }: { className: string; children: React.ReactNode }) {
  return <span className={cn("inline-flex whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", className)}>{children}</span>;
}

export function UsersTable({ users, currentUserId }: { users: UserSummary[]; currentUserId: string }) {
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="users-table">
        <caption className="sr-only">Users</caption>
        <thead className="bg-slate-50">
          <tr className="text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
            <th scope="col" className="px-3 py-2.5">Name</th>
            <th scope="col" className="px-3 py-2.5">E-mail</th>
            <th scope="col" className="px-3 py-2.5">Role</th>
            <th scope="col" className="px-3 py-2.5">Status</th>
            <th scope="col" className="px-3 py-2.5 text-right">Accounts owned</th>
            <th scope="col" className="px-3 py-2.5">Created</th>
            <th scope="col" className="px-3 py-2.5 text-right">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {users.map((user) => {
            const isSelf = user.id === currentUserId;
            return (
              <tr key={user.id} className={cn("hover:bg-slate-50", !user.active && "bg-slate-50/60 text-slate-500")}>
                <td className="whitespace-nowrap px-3 py-2.5 font-medium text-slate-900">
                  {user.name}
                  {isSelf && <span className="ml-2 text-xs font-normal text-slate-500">(you)</span>}
                </td>
                <td className="px-3 py-2.5 text-slate-700">{user.email}</td>
                <td className="px-3 py-2.5">
                  <Badge className={ROLE_STYLE[user.role]}>{enumLabel("role", user.role)}</Badge>
                </td>
                <td className="px-3 py-2.5">
                  {user.active ? (
                    <Badge className="bg-emerald-50 text-emerald-800 ring-emerald-200">Active</Badge>
                  ) : (
                    <Badge className="bg-red-50 text-red-800 ring-red-200">Deactivated</Badge>
                  )}
                </td>
                <td className="tabular px-3 py-2.5 text-right">
                  {user.accountsOwned > 0 ? (
                    <Link href={`/accounts?owner=${encodeURIComponent(user.id)}`} className="text-brand-700 hover:underline">
                      {formatNumber(user.accountsOwned)}
                    </Link>
                  ) : (
                    <span className="text-slate-400">0</span>
                  )}
                </td>
                <td className="whitespace-nowrap px-3 py-2.5 text-slate-600">{formatDate(user.createdAt)}</td>
                <td className="px-3 py-2">
                  <UserActions
                    user={user}
                    isSelf={isSelf}
                    changeRole={changeUserRoleAction.bind(null, user.id)}
                    resetPassword={resetUserPasswordAction.bind(null, user.id)}
                    setActive={setUserActiveAction.bind(null, user.id, !user.active)}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
