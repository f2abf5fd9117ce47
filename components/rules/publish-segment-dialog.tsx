"use client";

import { ArrowDownRight, ArrowUpRight } from "lucide-react";
import { previewSegment } from "@/lib/actions/preview-rule";
import { publishSegment } from "@/lib/actions/publish-rule";
import type { SegmentPreviewResult } from "@/lib/data/rules/segments";
import { SampleList } from "./preview-bits";
import { PublishDialog } from "./publish-dialog";
import { usePublish, type PublishOutcome } from "./use-publish";

/**
 * Publish the saved draft of a segment: first the diff against the published version (who
 * enters, who leaves, with samples), then a required note.
 */
export function PublishSegmentDialog({
  open,
  onOpenChange,
  segmentId,
  segmentName,
  ruleJson,
  revision,
  nextVersion,
  onPublished,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  segmentId: number;
  segmentName: string;
  /** The saved draft rule (what will be published), as JSON text so the preview loads once per rule. */
  ruleJson: string;
  revision: number;
  nextVersion: number;
  onPublished: (result: PublishOutcome) => void;
}) {
  const flow = usePublish<SegmentPreviewResult>({
    open,
    onOpenChange,
    previewKey: `${segmentId}:${ruleJson}`,
    loadPreview: () => previewSegment(segmentId, JSON.parse(ruleJson)),
    publish: (note) => publishSegment(segmentId, revision, note),
    onPublished,
  });
  const preview = flow.preview?.ok ? flow.preview.preview : null;
  return (
    <PublishDialog
      flow={flow}
      size="lg"
      title={`Publish ${segmentName} v${nextVersion}`}
      description="Publishing records a new version and recomputes who is in the segment right away."
      nextVersion={nextVersion}
      working="Working out who enters and leaves…"
    >
      {preview && (
        <div className="space-y-4" data-testid="segment-diff">
          <p className="text-sm text-slate-700">
            After publishing, <strong className="tabular">{preview.matching.toLocaleString("en-US")}</strong> of{" "}
            {preview.total.toLocaleString("en-US")} accounts will be in this segment.
          </p>
          {preview.diff ? (
            <div className="grid gap-3 sm:grid-cols-2">
              <DiffColumn tone="enter" title="Entering" count={preview.diff.entering} accounts={preview.diff.enteringSample} empty="No account joins." />
              <DiffColumn tone="leave" title="Leaving" count={preview.diff.leaving} accounts={preview.diff.leavingSample} empty="No account leaves." />
            </div>
          ) : (
            <DiffColumn tone="enter" title="First version: joining" count={preview.matching} accounts={preview.sample} empty="No account matches yet." />
          )}
        </div>
      )}
    </PublishDialog>
  );
}

function DiffColumn({
  tone,
  title,
  count,
  accounts,
  empty,
}: {
  tone: "enter" | "leave";
  title: string;
  count: number;
  accounts: Parameters<typeof SampleList>[0]["accounts"];
  empty: string;
}) {
  const Icon = tone === "enter" ? ArrowUpRight : ArrowDownRight;
  return (
    <div className="rounded-lg ring-1 ring-inset ring-slate-200">
      <div className={`flex items-center justify-between rounded-t-lg px-3 py-2 ${tone === "enter" ? "bg-emerald-50" : "bg-rose-50"}`}>
        <span className={`flex items-center gap-1 text-sm font-medium ${tone === "enter" ? "text-emerald-900" : "text-rose-900"}`}>
          <Icon className="h-4 w-4" aria-hidden />
          {title}
        </span>
        <span className={`tabular text-sm font-semibold ${tone === "enter" ? "text-emerald-900" : "text-rose-900"}`}>{count.toLocaleString("en-US")}</span>
      </div>
      <div className="px-3 py-1.5">
        <SampleList accounts={accounts} more={count - accounts.length} emptyText={empty} />
      </div>
    </div>
  );
}
