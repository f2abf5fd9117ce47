import { Shapes } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { SegmentHeader } from "@/components/segments/segment-header";
import { PageHeader } from "@/components/ui/page-header";
import { canSeeAllAccounts } from "@/lib/auth/access";
import { requireUser } from "@/lib/auth/session";
import { listSegments, TREND_DAYS } from "@/lib/data/segments";

export const metadata: Metadata = { title: "Segments" };

export default async function SegmentsPage() {
  const user = await requireUser();
  const segments = await listSegments(user);
  const seesAll = canSeeAllAccounts(user);

  return (
    <div className="space-y-4">
      <PageHeader
        title="Segments"
        description={
          <>
            Published groups of accounts by technology and behaviour. Sizes count {seesAll ? "every account" : "your accounts"}; trends are the net change over the last{" "}
            {TREND_DAYS} days.
          </>
        }
        actions={
          segments.length > 0 && (
            <Link href="/matrix" className="text-sm font-medium text-brand-700 hover:underline">
              See segments by tier in the matrix
            </Link>
          )
        }
      />

      {segments.length === 0 ? (
        <div className="rounded-xl bg-white px-6 py-16 text-center shadow-sm ring-1 ring-slate-200" data-testid="empty-state">
          <span className="mx-auto flex h-12 w-12 items-center justify-center rounded-full bg-brand-50 text-brand-700">
            <Shapes className="h-6 w-6" aria-hidden />
          </span>
          <h2 className="mt-4 text-base font-semibold text-slate-900">No segments published yet</h2>
          <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">
            {user.role === "ADMIN"
              ? "Create a segment in the rule editor and publish it: its members, size and trend will appear here."
              : "When an admin publishes segments, they appear here with their size and trend."}
          </p>
          {user.role === "ADMIN" && (
            <Link href="/admin/rules" className="mt-4 inline-block text-sm font-medium text-brand-700 hover:underline">
              Open the rule editor
            </Link>
          )}
        </div>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2 xl:grid-cols-3" aria-label="Published segments">
          {segments.map((segment) => (
            <li key={segment.id}>
              <SegmentHeader segment={segment} variant="card" />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
