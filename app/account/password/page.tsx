import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { AppShell } from "@/components/shell/app-shell";
import { CHANGE_PASSWORD_PATH, getSessionUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Change password" };

/**
 * Outside the (app) group on purpose: its layout sends a user who must change their password
 * here, so this page cannot sit behind that layout. It draws the same shell itself.
 */
export default async function ChangePasswordPage() {
  const user = await getSessionUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(CHANGE_PASSWORD_PATH)}`);
  const forced = Boolean(user.mustChangePassword);
  return (
    <AppShell user={user}>
      <div className="mx-auto max-w-md">
        <h1 className="text-xl font-semibold text-slate-900">Change password</h1>
        <p className="mt-1 mb-6 text-sm text-slate-600">
          {forced
            ? "An administrator set your password. Choose your own to continue."
            : "Your other sessions are signed out when you change it."}
        </p>
        <div className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <ChangePasswordForm forced={forced} />
        </div>
      </div>
    </AppShell>
  );
}
