import Link from "next/link";
import { notFound } from "next/navigation";
import { JobSections } from "@/components/admin/jobs/job-sections";
import { EmptyPanel } from "@/components/ui/empty-panel";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";
import { isAdmin, restrictedMetadata } from "@/lib/auth/restricted-metadata";
import { requireUser } from "@/lib/auth/session";
import { listJobs } from "@/lib/jobs/list";

export const generateMetadata = restrictedMetadata("Jobs", isAdmin);

export default async function JobsPage() {
  const user = await requireUser();
  if (user.role !== "ADMIN") notFound();
  const jobs = await listJobs(user);
  const empty = Object.values(jobs).every((list) => list.length === 0);

  return (
    <div className="space-y-6">
      <PageHeader
        title="Jobs"
        description="Background work on the job queue: CSV import runs, the daily refresh and recomputes after API writes. Every app instance takes jobs; a job that keeps failing stops here and can be run again."
        actions={
          <Link href="/admin/jobs" className={buttonClass("secondary")}>
            Refresh
          </Link>
        }
      />
      {empty ? (
        <EmptyPanel title="No jobs yet">
          Jobs appear here when an import runs, at the daily refresh of time-based metrics, and when API writes are recomputed.
        </EmptyPanel>
      ) : (
        <JobSections jobs={jobs} />
      )}
    </div>
  );
}
