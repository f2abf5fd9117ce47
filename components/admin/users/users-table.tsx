import Link from "next/link";
import { actionsColumn, DataTable, type Column } from "@/components/ui/table";
import { resetUserTwoFactorAction } from "@/lib/actions/two-factor";
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

function columns(currentUserId: string, twoFactor: ReadonlySet<string>): Column<UserSummary>[] {
  return [
    {
      key: "name",
      header: "Name",
      className: "whitespace-nowrap font-medium text-slate-900",
      cell: (user) => (
        <>
          {user.name}
          {user.id === currentUserId && <span className="ml-2 text-xs font-normal text-slate-500">(you)</span>}
        </>
      ),
    },
    { key: "email", header: "E-mail", cell: (user) => user.email },
    { key: "role", header: "Role", cell: (user) => <Badge className={ROLE_STYLE[user.role]}>{enumLabel("role", user.role)}</Badge> },
    {
      key: "status",
      header: "Status",
      cell: (user) =>
        user.active ? (
          <Badge className="bg-emerald-50 text-emerald-800 ring-emerald-200">Active</Badge>
        ) : (
          <Badge className="bg-red-50 text-red-800 ring-red-200">Deactivated</Badge>
        ),
    },
    {
      key: "twoFactor",
      header: "Two-factor",
      cell: (user) =>
        twoFactor.has(user.id) ? <Badge className="bg-emerald-50 text-emerald-800 ring-emerald-200">On</Badge> : <span className="text-slate-600">Off</span>,
    },
    {
      key: "accounts",
      header: "Accounts owned",
      align: "right",
      className: "tabular",
      cell: (user) =>
        user.accountsOwned > 0 ? (
          <Link href={`/accounts?owner=${encodeURIComponent(user.id)}`} className="text-brand-700 hover:underline">
            {formatNumber(user.accountsOwned)}
          </Link>
        ) : (
          <span className="text-slate-400">0</span>
        ),
    },
    { key: "created", header: "Created", className: "whitespace-nowrap text-slate-600", cell: (user) => formatDate(user.createdAt) },
    actionsColumn(
      (user) => (
        <UserActions
          user={user}
          isSelf={user.id === currentUserId}
          twoFactorEnabled={twoFactor.has(user.id)}
          changeRole={changeUserRoleAction.bind(null, user.id)}
          resetPassword={resetUserPasswordAction.bind(null, user.id)}
          setActive={setUserActiveAction.bind(null, user.id, !user.active)}
          resetTwoFactor={resetUserTwoFactorAction.bind(null, user.id)}
        />
      ),
      "py-2",
    ),
  ];
}

export function UsersTable({ users, currentUserId, twoFactorUserIds }: { users: UserSummary[]; currentUserId: string; twoFactorUserIds: string[] }) {
  return (
    <DataTable
      columns={columns(currentUserId, new Set(twoFactorUserIds))}
      rows={users}
      rowKey={(user) => user.id}
      rowClassName={(user) => !user.active && "bg-slate-50/60 text-slate-500"}
      caption="Users"
      region="Users table"
      testId="users-table"
    />
  );
}
