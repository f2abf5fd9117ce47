import { Card } from "@/components/ui/card";
import type { ChangeGroup, SinceLastVisit } from "@/lib/data/plays/changes";
import { formatDateTime, plural } from "@/lib/utils/format";
import { describeChangeGroup, moreAccounts } from "./today-text";
import { DismissAllButton, DismissGroupButton } from "./dismiss-buttons";

/** Groups shown at once; the rest open below (the page stays about the day plan). */
const SHOWN_GROUPS = 3;

function GroupItem({ group, readOnly }: { group: ChangeGroup; readOnly: boolean }) {
  const words = describeChangeGroup(group);
  const more = moreAccounts(group.accounts, group.sample.length);
  return (
    <li className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1 py-3 first:pt-0 last:pb-0" data-testid="change-group">
      <div className="min-w-0 flex-1 space-y-0.5">
        <p className="text-sm text-slate-800">
          <span aria-hidden="true" className="mr-2 inline-block h-2 w-2 rounded-full align-middle" style={{ backgroundColor: group.target.color ?? "#94a3b8" }} />
          <strong className="font-semibold text-slate-900">{words.count}</strong> {words.verb} {words.noun && `${words.noun} `}
          <strong className="font-semibold text-slate-900">{group.target.name}</strong>
        </p>
        <p className="text-xs text-slate-500">
          {group.reasonText} · {formatDateTime(group.newestAt)}
        </p>
        <p className="text-sm text-slate-600">
          {group.sample.map((account, i) => (
            <span key={account.id}>
              {i > 0 && ", "}
              <a href={`/accounts/${account.id}`} className="text-brand-700 hover:underline">
                {account.name}
              </a>
            </span>
          ))}
          {more && <span className="text-slate-500"> {more}</span>}
        </p>
      </div>
      {!readOnly && <DismissGroupButton groupKey={group.key} upTo={group.newestAt.toISOString()} title={words.text} />}
    </li>
  );
}

/** What changed in the rep's book since their last visit, grouped by what happened and why. */
export function SinceLastVisitCard({ changes, repName }: { changes: SinceLastVisit; repName: string | null }) {
  const { groups, readOnly } = changes;
  const whose = repName ? `${repName}'s` : "your";
  const period = changes.sinceIsDefault ? "in the last 7 days" : `since ${formatDateTime(changes.since, { zone: true })}`;
  return (
    <Card
      id="since-last-visit"
      title={repName ? `Since ${repName}'s last visit` : "Since your last visit"}
      description={groups.length ? `Accounts in ${whose} book that entered or left a tier, segment or play ${period}.` : `Nothing changed in ${whose} book ${period}.`}
      actions={!readOnly && groups.length > 0 ? <DismissAllButton /> : undefined}
      bodyClassName={groups.length ? "px-5 py-4" : "hidden"}
      testId="since-last-visit"
    >
      <ul className="divide-y divide-slate-100">
        {groups.slice(0, SHOWN_GROUPS).map((group) => (
          <GroupItem key={group.key} group={group} readOnly={readOnly} />
        ))}
      </ul>
      {groups.length > SHOWN_GROUPS && (
        <details className="group mt-3 border-t border-slate-100 pt-3">
          <summary className="cursor-pointer text-sm font-medium text-brand-700 hover:underline">
            <span className="group-open:hidden">Show {plural(groups.length - SHOWN_GROUPS, "more change")}</span>
            <span className="hidden group-open:inline">Show fewer</span>
          </summary>
          <ul className="mt-3 divide-y divide-slate-100">
            {groups.slice(SHOWN_GROUPS).map((group) => (
              <GroupItem key={group.key} group={group} readOnly={readOnly} />
            ))}
          </ul>
        </details>
      )}
      {changes.moreGroups > 0 && <p className="mt-3 text-sm text-slate-500">{plural(changes.moreGroups, "more change")} beyond these: dismiss some to see them.</p>}
    </Card>
  );
}
