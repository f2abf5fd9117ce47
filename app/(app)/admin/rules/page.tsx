import { notFound } from "next/navigation";
import { NewSegmentDialog } from "@/components/rules/new-segment-dialog";
import { ScoringCard } from "@/components/rules/overview/scoring-card";
import { SegmentsTable } from "@/components/rules/overview/segments-table";
import { TierSchemeCard } from "@/components/rules/overview/tier-scheme-card";
import { PageHeader } from "@/components/ui/page-header";
import { isAdmin, restrictedMetadata } from "@/lib/auth/restricted-metadata";
import { requireUser } from "@/lib/auth/session";
import { getScoringSettings } from "@/lib/data/rules/scoring";
import { listSegmentsForAdmin } from "@/lib/data/rules/segments";
import { getTierSchemeEditor } from "@/lib/data/rules/tier-scheme";
import { sharedMatrix } from "@/lib/data/shared-reads";

export const generateMetadata = restrictedMetadata("Rules", isAdmin);

export default async function RulesOverviewPage() {
  const user = await requireUser();
  if (user.role !== "ADMIN") notFound();
  // The matrix's rows are today's tiers with their account counts and value (any dimension will do);
  // the shared one, as /matrix?by=hosting reads it (a pass over every account: ~1 s at 1,000,000).
  const [scheme, segments, scoring, matrix] = await Promise.all([
    getTierSchemeEditor(user),
    listSegmentsForAdmin(user),
    getScoringSettings(user),
    sharedMatrix(user, "hosting"),
  ]);

  return (
    <div className="space-y-6">
      <PageHeader
        title="Rules"
        description={
          <>
            Tiers rank accounts by value; segments group them by technology and behaviour; the priority score orders each rep&apos;s list.
            Edit a draft, preview its effect live, then publish it with a note.
          </>
        }
        actions={<NewSegmentDialog />}
      />
      <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <TierSchemeCard scheme={scheme} rows={matrix.rows} total={matrix.total.count} />
        <ScoringCard weights={scoring.weights} criteria={scoring.idealProfile?.children.length ?? 0} />
      </div>
      <SegmentsTable segments={segments} />
    </div>
  );
}
