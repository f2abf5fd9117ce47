import { Shapes } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { SegmentHeader } from "@/components/segments/segment-header";
import { EmptyPanel } from "@/components/ui/empty-panel";
import { PageHeader } from "@/components/ui/page-header";
import { canSeeAllAccounts } from "@/lib/auth/access";
import { requireUser } from "@/lib/auth/session";
import { TREND_DAYS } from "@/lib/data/segments";
import { sharedSegments } from "@/lib/data/shared-reads";

export const metadata: Metadata = { title: "Segments" };

export default async function SegmentsPage() {
  const user = await requireUser();
  const segments = await sharedSegments(user);
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
        <EmptyPanel
          title="No segments published yet"
          icon={Shapes}
          link={user.role === "ADMIN" ? { href: "/admin/rules", label: "Open the rule editor" } : null}
        >
          {user.role === "ADMIN"
            ? "Create a segment in the rule editor and publish it: its members, size and trend will appear here."
            : "When an admin publishes segments, they appear here with their size and trend."}
        </EmptyPanel>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2 xl:grid-cols-3" aria-label="Published segments">
          {segments.map((segment) => (
            <li key={segment.id}>
              <SegmentHeader segment={segment} variant="card" trendDays={TREND_DAYS} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
