import Link from "next/link";
import { Logo } from "@/components/ui/logo";
import type { SessionUser } from "@/lib/auth/session";
import { enumLabel } from "@/lib/domain/enums";
import { signOutAction } from "@/lib/actions/sign-in";
import { NavLinks, type NavItem } from "./nav-links";
import { SoftNavigation } from "./soft-navigation";

function navFor(user: SessionUser): NavItem[] {
  const items: NavItem[] = [
    { href: "/today", label: "Today" },
    { href: "/accounts", label: "Accounts" },
    { href: "/segments", label: "Segments" },
    { href: "/matrix", label: "Matrix" },
  ];
  // Managers read /admin/plays (which plays work) without its editing links; admins find it under Admin.
  if (user.role === "MANAGER") items.push({ href: "/admin/plays", label: "Plays" }, { href: "/reassign", label: "Reassign" });
  if (user.role === "ADMIN") {
    items.push(
      { href: "/admin/rules", label: "Rules", section: "Admin" },
      { href: "/admin/plays", label: "Plays", section: "Admin" },
      { href: "/admin/users", label: "Users", section: "Admin" },
      { href: "/admin/import", label: "Import", section: "Admin" },
      { href: "/admin/api", label: "API", section: "Admin" },
      { href: "/admin/jobs", label: "Jobs", section: "Admin" },
      { href: "/admin/audit", label: "Audit log", section: "Admin" },
    );
  }
  return items;
}

export function AppShell({ user, children }: { user: SessionUser; children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/95 backdrop-blur">
        <div className="mx-auto flex max-w-[1400px] flex-wrap items-center gap-x-6 gap-y-2 px-4 py-2.5 sm:px-6">
          <Link href="/accounts" className="text-slate-900" aria-label="Tierwise home">
            <Logo />
          </Link>
          <NavLinks items={navFor(user)} />
          <div className="ml-auto flex flex-wrap items-center justify-end gap-x-3 gap-y-1">
            <div className="text-right leading-tight">
              <div className="text-sm font-medium text-slate-900" data-testid="current-user">{user.name}</div>
              <div className="text-xs text-slate-500">
                {user.email} · <span data-testid="current-role">{enumLabel("role", user.role)}</span>
              </div>
            </div>
            <Link
              href="/account/password"
              className="rounded-md px-2 py-1.5 text-sm font-medium text-slate-600 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-600"
            >
              Change password
            </Link>
            <Link
              href="/account/two-factor"
              className="rounded-md px-2 py-1.5 text-sm font-medium text-slate-600 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-600"
            >
              Two-factor sign-in
            </Link>
            <form action={signOutAction}>
              <button
                type="submit"
                className="rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-600 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600"
              >
                Sign out
              </button>
            </form>
          </div>
        </div>
      </header>
      {/* Rows link with plain anchors; this makes them client-side navigations (soft-navigation.tsx). */}
      <SoftNavigation className="flex flex-1 flex-col">
        <main id="main" className="mx-auto w-full max-w-[1400px] flex-1 px-4 py-6 sm:px-6">
          {children}
        </main>
      </SoftNavigation>
    </div>
  );
}
