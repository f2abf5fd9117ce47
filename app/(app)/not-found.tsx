import type { Metadata } from "next";
import { NotFoundCard } from "@/components/ui/not-found-card";
import { NOT_FOUND_TITLE } from "@/lib/auth/restricted-metadata";

export const metadata: Metadata = { title: NOT_FOUND_TITLE };

/** 404 inside the app: a page that does not exist, or one this role may not open. */
export default function NotFound() {
  return (
    <NotFoundCard title="Page not found" backHref="/accounts" backLabel="Back to accounts" testId="not-found">
      This page does not exist, or your role does not give access to it.
    </NotFoundCard>
  );
}
