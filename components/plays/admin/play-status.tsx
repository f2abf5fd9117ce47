import { Badge } from "@/components/rules/ui";
import type { PlayListRow } from "@/lib/data/plays/editor";
import { formatDate } from "@/lib/utils/format";

type StatusFields = Pick<PlayListRow, "publishedVersion" | "hasUnpublishedChanges" | "running" | "startsOn" | "endsOn">;

/** Why a published play reaches nobody today: its dates. */
function notRunningText(play: StatusFields, today: string): string {
  if (play.startsOn && play.startsOn > today) return `Not running: starts ${formatDate(play.startsOn)}`;
  if (play.endsOn && play.endsOn < today) return `Not running: ended ${formatDate(play.endsOn)}`;
  return "Not running";
}

/** Draft, published vN, unpublished changes, not running (with the date that says why). */
export function PlayStatus({ play, today }: { play: StatusFields; today: string }) {
  return (
    <span className="flex flex-wrap gap-1">
      {play.publishedVersion ? <Badge tone="green">Published v{play.publishedVersion}</Badge> : <Badge>Draft</Badge>}
      {play.publishedVersion !== null && play.hasUnpublishedChanges && <Badge tone="brand">Unpublished changes</Badge>}
      {play.publishedVersion !== null && !play.running && <Badge tone="amber">{notRunningText(play, today)}</Badge>}
    </span>
  );
}
