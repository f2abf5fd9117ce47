import { notFound } from "next/navigation";
import { ImportWizard } from "@/components/admin/import/import-wizard";
import { RecentImports } from "@/components/admin/import/recent-imports";
import { isAdmin, restrictedMetadata } from "@/lib/auth/restricted-metadata";
import { requireUser } from "@/lib/auth/session";
import { getImportJob, listImportJobs } from "@/lib/data/import/jobs";
import { listSavedMappings } from "@/lib/data/import/mappings";
import { MAX_FILE_LABEL } from "@/lib/import/kinds";
import { importJobIdSchema } from "@/lib/validation/import";

export const generateMetadata = restrictedMetadata("Import data", isAdmin);

export default async function ImportPage({ searchParams }: { searchParams: Promise<{ job?: string | string[] }> }) {
  const user = await requireUser();
  if (user.role !== "ADMIN") notFound();
  const { job: jobParam } = await searchParams;
  const jobId = importJobIdSchema.safeParse(Array.isArray(jobParam) ? jobParam[0] : jobParam);
  const [job, recent, mappings] = await Promise.all([
    jobId.success ? getImportJob(user, jobId.data) : Promise.resolve(null),
    listImportJobs(user),
    listSavedMappings(user),
  ]);
  const current = job && job.status !== "DISCARDED" && job.status !== "UPLOADING" ? job : null;

  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Import data</h1>
        <p className="max-w-3xl text-sm text-slate-600">
          Bring in accounts, orders, engagement events and technologies from CSV files (up to {MAX_FILE_LABEL}). Every import starts with a dry run that lists each
          problem and shows how tiers and segments would change; the commit is all or nothing.
        </p>
      </div>
      <ImportWizard initialJob={current} savedMappings={mappings} missingJob={jobParam !== undefined && !current} />
      <RecentImports jobs={recent} currentId={current?.id} />
    </div>
  );
}
