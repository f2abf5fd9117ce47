import { CheckCircle2 } from "lucide-react";
import Link from "next/link";
import { AccountName } from "@/components/accounts/account-name";
import { TierBadge } from "@/components/accounts/tier-badge";
import { buttonClass } from "@/components/ui/button";
import type { ImportJobView } from "@/lib/import/job";
import { commonSearchTerm } from "@/lib/import/search-term";
import { formatDateTime } from "@/lib/utils/format";
import { nounFor, RowCounts } from "./dry-run-report";
import { ImpactView } from "./impact-view";
import { Card } from "@/components/ui/card";
import { plural } from "@/lib/utils/format";

/** New accounts listed after a large import (a small one lists them all). */
const LARGE_IMPORT_SHOWN = 10;

/** Step 4: what the commit did, and where to see it. */
export function CommitSummary({ job, onStartAgain }: { job: ImportJobView; onStartAgain: () => void }) {
  const report = job.summary.commit;
  if (!report) return null;
  const newAccounts = report.impact.newAccounts;
  const complete = newAccounts.length === report.created;
  // A link that finds exactly the new accounts needs them all in hand (small imports).
  const search = job.kind === "accounts" && complete ? commonSearchTerm(newAccounts) : null;
  const shown = complete ? newAccounts : newAccounts.slice(0, LARGE_IMPORT_SHOWN);
  const changed = report.created + report.updated;
  return (
    <div className="space-y-5">
      <div role="status" className="flex items-start gap-3 rounded-lg bg-emerald-50 px-4 py-4 text-emerald-900 ring-1 ring-inset ring-emerald-200">
        <CheckCircle2 className="mt-0.5 h-5 w-5 shrink-0 text-emerald-600" aria-hidden />
        <div>
          <p className="font-semibold" data-testid="commit-headline">
            Imported {job.fileName}: {changed === 0 ? "nothing needed to change" : `${nounFor(job.kind, report.created)} created, ${report.updated.toLocaleString("en-US")} updated`}
          </p>
          <p className="mt-0.5 text-sm">
            Committed {formatDateTime(report.finishedAt, { zone: true })} by {job.createdBy?.name ?? "an admin"} in {(report.durationMs / 1000).toFixed(1)} s. Metrics, tiers, segments and
            scores of the {plural(report.accountsAffected, "account")} concerned are up to date.
          </p>
        </div>
      </div>

      <Card title="What changed">
        <div className="space-y-6">
          <RowCounts kind={job.kind} report={report} tense="past" />
          {report.accountsAffected > 0 && <ImpactView impact={report.impact} tense="past" created={job.kind === "accounts" ? report.created : 0} />}
        </div>
      </Card>

      {newAccounts.length > 0 && (
        <Card
          title="New accounts"
          description={complete ? undefined : `The first ${shown.length} of ${report.created.toLocaleString("en-US")}, in file order.`}
          actions={
            search ? (
              <Link href={`/accounts?q=${encodeURIComponent(search)}`} className={buttonClass("secondary")}>
                View the new accounts
              </Link>
            ) : null
          }
        >
          <ul className="divide-y divide-slate-100" data-testid="new-accounts">
            {shown.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center justify-between gap-3 py-2 text-sm">
                <AccountName account={a} layout="inline" />
                <TierBadge tier={a.tier} />
              </li>
            ))}
          </ul>
        </Card>
      )}

      <div className="flex flex-wrap gap-2">
        <button type="button" onClick={onStartAgain} className={buttonClass("primary")}>
          Import another file
        </button>
        <Link href="/accounts" className={buttonClass("secondary")}>
          Open the accounts list
        </Link>
        <Link href="/admin/audit?action=IMPORT_COMMITTED" className={buttonClass("ghost")}>
          See it in the audit log
        </Link>
      </div>
    </div>
  );
}
