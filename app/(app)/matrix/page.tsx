import { Info } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { DimensionTabs } from "@/components/matrix/dimension-tabs";
import { MatrixTable } from "@/components/matrix/matrix-table";
import { EmptyPanel } from "@/components/ui/empty-panel";
import { PageHeader } from "@/components/ui/page-header";
import { canSeeAllAccounts } from "@/lib/auth/access";
import { requireUser } from "@/lib/auth/session";
import { MATRIX_DIMENSION_NOUNS, NONE_COLUMN, parseMatrixDimension } from "@/lib/data/matrix";
import { sharedMatrix } from "@/lib/data/shared-reads";

export const metadata: Metadata = { title: "Matrix" };

const OVERLAP_NOTE = {
  segment: "Segments overlap: an account in several segments counts in each, so column totals add up to more than the total.",
  category: "An account counts once in every technology category it uses, so column totals add up to more than the total.",
  hosting: null,
  whitespace: "An account counts once in every technology category it lacks, so column totals add up to more than the total.",
} as const;

export default async function MatrixPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const dimension = parseMatrixDimension((await searchParams).by);
  const matrix = await sharedMatrix(user, dimension);
  const seesAll = canSeeAllAccounts(user);
  const noSegments = dimension === "segment" && matrix.columns.every((c) => c.key === NONE_COLUMN);

  return (
    <div className="space-y-4">
      <PageHeader
        title="Matrix"
        description={
          <>
            {seesAll ? "Every account" : "Your accounts"} by tier and {MATRIX_DIMENSION_NOUNS[dimension]}:{" "}
            {dimension === "whitespace" ? "how many accounts, and how much lifetime value, each category could still reach." : "where value meets the stack."} Open a
            cell to see its accounts.
          </>
        }
        actions={<DimensionTabs current={dimension} />}
      />

      {!matrix.hasTiers && (
        <Note>
          No tier scheme is published yet, so every account is Untiered.
        </Note>
      )}
      {noSegments && (
        <Note>
          No segments are published yet. Switch to <Link href="/matrix?by=category" className="font-medium underline">technology categories</Link> or{" "}
          <Link href="/matrix?by=hosting" className="font-medium underline">hosting preference</Link>.
        </Note>
      )}

      {matrix.total.count === 0 ? (
        <EmptyPanel title="No accounts yet">{seesAll ? "Import accounts to see them here." : "You have no accounts assigned yet."}</EmptyPanel>
      ) : (
        <>
          <MatrixTable matrix={matrix} noun={MATRIX_DIMENSION_NOUNS[dimension]} />
          <div className="flex flex-wrap items-center justify-between gap-3 text-xs text-slate-600">
            <p>
              Each cell: number of accounts and their total lifetime value. Darker cells hold more{" "}
              {matrix.shadeBy === "count" ? "accounts" : "lifetime value"}.
            </p>
            {OVERLAP_NOTE[dimension] && <p>{OVERLAP_NOTE[dimension]}</p>}
          </div>
        </>
      )}
    </div>
  );
}

function Note({ children }: { children: React.ReactNode }) {
  return (
    <p className="flex items-start gap-2 rounded-lg bg-sky-50 px-3 py-2 text-sm text-sky-900 ring-1 ring-inset ring-sky-200">
      <Info className="mt-0.5 h-4 w-4 shrink-0" aria-hidden />
      <span>{children}</span>
    </p>
  );
}
