"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils/cn";

export interface NavItem {
  href: string;
  label: string;
  section?: string;
}

export function NavLinks({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  // Where the links do not fit on one line they wrap onto the next: every page stays in sight
  // (a sideways scroll hid the last links without a cue).
  return (
    <nav aria-label="Main" className="order-last flex w-full flex-wrap gap-1 md:order-none md:w-auto">
      {items.map((item, i) => {
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
        const startsSection = item.section && items[i - 1]?.section !== item.section;
        return (
          <span key={item.href} className="flex items-center">
            {startsSection && <span className="mx-2 h-5 w-px bg-slate-200" aria-hidden="true" />}
            <Link
              href={item.href}
              aria-current={active ? "page" : undefined}
              className={cn(
                "whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-brand-600",
                active ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
              )}
            >
              {item.label}
            </Link>
          </span>
        );
      })}
    </nav>
  );
}
