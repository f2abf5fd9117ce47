import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { TwoFactorEnrol } from "@/components/auth/two-factor-enrol";
import { TwoFactorManage } from "@/components/auth/two-factor-manage";
import { AppShell } from "@/components/shell/app-shell";
import { CHANGE_PASSWORD_PATH, getSessionUser, TWO_FACTOR_PATH } from "@/lib/auth/session";
import { twoFactorStatus } from "@/lib/data/two-factor";
import { formatDate, plural } from "@/lib/utils/format";

export const metadata: Metadata = { title: "Two-factor sign-in" };

/**
 * Outside the (app) group on purpose, like /account/password: that group's layout sends an admin
 * who must set up two-factor sign-in here, so this page cannot sit behind it.
 */
export default async function TwoFactorPage() {
  const user = await getSessionUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(TWO_FACTOR_PATH)}`);
  if (user.mustChangePassword) redirect(CHANGE_PASSWORD_PATH);
  const status = await twoFactorStatus(user);
  const forced = Boolean(user.mustEnrolTwoFactor);
  return (
    <AppShell user={user}>
      <div className="mx-auto max-w-xl">
        <h1 className="text-xl font-semibold text-slate-900">Two-factor sign-in</h1>
        <p className="mt-1 mb-6 text-sm text-slate-600" data-testid="two-factor-status">
          {status.enabled
            ? `On since ${formatDate(status.enabledAt!)}: signing in asks for a code from your authenticator app. ${plural(status.recoveryCodesLeft, "unused recovery code")} left.`
            : forced
              ? "Admins must use two-factor sign-in in this organisation. Set it up to continue."
              : "Off. With it on, signing in also asks for a code from an authenticator app on your phone."}
        </p>
        <div className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
          {status.enabled ? <TwoFactorManage required={status.required} /> : <TwoFactorEnrol forced={forced} />}
        </div>
      </div>
    </AppShell>
  );
}
