import type { Metadata } from "next";
import { NotFoundCard } from "@/components/ui/not-found-card";
import { NOT_FOUND_TITLE } from "@/lib/auth/restricted-metadata";

export const metadata: Metadata = { title: NOT_FOUND_TITLE };

/** 404 outside the app shell (signed out, or an address no route matches). */
export default function NotFound() {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <NotFoundCard title="Page not found" backHref="/accounts" backLabel="Go to your accounts" />
    </main>
  );
}
