"use client";

import { useState } from "react";
import { restoreSegment } from "@/lib/actions/publish-rule";
import { saveSegmentDraft } from "@/lib/actions/save-rule-draft";
import type { SegmentEditorData, SegmentPreviewResult } from "@/lib/data/rules/segments";
import type { SegmentDetails } from "@/lib/validation/segment";
import { Card } from "@/components/ui/card";
import { SegmentBacktestPanel } from "@/components/backtest/segment-backtest-panel";
import { ThresholdScopeProvider } from "@/components/backtest/threshold-scope";
import { plural } from "@/lib/utils/format";
import { ArchiveSegmentButton } from "./archive-button";
import { CatalogProvider, type RuleCatalog } from "./catalog";
import { DraftButtons, DraftMessages, EditorColumns } from "./draft-controls";
import { EditorHeader } from "./editor-header";
import { errorIssues, validateEditorRule, warningIssues, type RuleIssue } from "./issues";
import { formatDateTime } from "@/lib/utils/format";
import { PublishSegmentDialog } from "./publish-segment-dialog";
import { RuleBuilder } from "./rule-builder";
import { fromRuleJson, toRuleJson, type EditorGroup } from "./rule-tree";
import { SegmentDetailsFields, checkDetails, type DetailErrors } from "./segment-details-fields";
import { isSegmentEstimate, SegmentPreviewPanel } from "./segment-preview-panel";
import { ColorDot } from "./ui";
import { requestPreview } from "./preview-request";
import { useDraftEditor } from "./use-draft-editor";
import { useLivePreview } from "./use-live-preview";
import { VersionHistory } from "./version-history";

/** A segment's thresholds look at every account. */
const NO_EARLIER_RULES: unknown[] = [];

/**
 * The segment editor: details, the rule builder, a live preview, save (with conflict
 * detection), publish with a diff and a note, version history with restore, and archive.
 * The page remounts it (key = published version) after a publish or restore.
 */
export function SegmentEditor({ segment, catalog }: { segment: SegmentEditorData; catalog: RuleCatalog }) {
  const [details, setDetails] = useState<SegmentDetails>(segment.details);
  const [tree, setTree] = useState<EditorGroup>(() => fromRuleJson(segment.draftRule));
  const [detailErrors, setDetailErrors] = useState<DetailErrors>({});

  const ruleJson = toRuleJson(tree);
  const check = validateEditorRule(tree);
  const draft = useDraftEditor({
    flashScope: `segment-${segment.id}`,
    stored: segment,
    text: { rule: JSON.stringify(ruleJson), details: JSON.stringify(details) },
    changed: "membership",
    validate: () => {
      const detailProblems = checkDetails(details);
      setDetailErrors(detailProblems);
      return check.ok && Object.keys(detailProblems).length === 0;
    },
    saveDraft: (baseRevision) => saveSegmentDraft(segment.id, { details, rule: ruleJson, baseRevision }),
    onSaveRefused: (result) => {
      if (result.code !== "DUPLICATE_NAME") return false;
      setDetailErrors({ name: result.error });
      return true;
    },
    restore: (version, note) => restoreSegment(segment.id, version, note),
  });
  const preview = useLivePreview(check.ok ? ruleJson : null, (rule, previewKey, phase, signal) =>
    requestPreview<SegmentPreviewResult>({ kind: "segment", segmentId: segment.id, rule, previewKey, phase }, signal), {
    isEstimate: isSegmentEstimate,
  });

  const serverErrors = preview.result && !preview.result.ok && !preview.pending ? errorIssues(preview.result.errors) : [];
  const problems: RuleIssue[] = check.ok ? serverErrors : check.issues;
  const warnings = preview.result?.ok ? warningIssues(preview.result.warnings) : [];

  return (
    <CatalogProvider catalog={catalog}>
      <div className="space-y-6">
        <EditorHeader
          crumbs={[{ href: "/admin/rules", label: "Rules" }]}
          title={details.name.trim() || segment.details.name}
          titleAdornment={<ColorDot color={/^#[0-9a-f]{6}$/i.test(details.color) ? details.color : segment.details.color} className="h-3.5 w-3.5" />}
          publishedVersion={segment.publishedVersion}
          unpublished={draft.unpublished}
          dirty={draft.dirty}
          meta={
            <>
              {segment.publishedVersion ? `${plural(segment.members, "member")} now` : "Not published yet"} · Draft saved {formatDateTime(draft.saved.at)}
              {draft.saved.by ? ` by ${draft.saved.by}` : ""}
            </>
          }
          actions={
            <>
              <ArchiveSegmentButton
                segmentId={segment.id}
                name={segment.details.name}
                members={segment.members}
                onArchived={() => draft.leaveTo("/admin/rules")}
              />
              <DraftButtons draft={draft} />
            </>
          }
        />

        <DraftMessages draft={draft} />

        <EditorColumns preview={<SegmentPreviewPanel preview={preview} problems={problems} color={details.color} />}>
          <Card title="Details" id="segment-details-heading">
            <SegmentDetailsFields value={details} onChange={setDetails} errors={detailErrors} layout="wide" />
          </Card>
          <Card
            title="Rule"
            id="segment-rule-heading"
            description="Accounts that meet this rule are members of the segment. Segments may overlap."
          >
            <ThresholdScopeProvider earlier={NO_EARLIER_RULES} what="accounts">
              <RuleBuilder
                value={tree}
                onChange={setTree}
                issues={[...problems, ...warnings]}
                revealAll={draft.revealAll}
                label={`Rule for ${details.name || "this segment"}`}
              />
            </ThresholdScopeProvider>
          </Card>
          <SegmentBacktestPanel rule={check.ok ? ruleJson : null} />
          <VersionHistory
            what="segment"
            versions={segment.versions.map((v) => ({ ...v, summary: v.ruleText }))}
            currentVersion={segment.publishedVersion}
            disabled={draft.busy !== null}
            onRestore={draft.onRestore}
          />
        </EditorColumns>

        <PublishSegmentDialog
          open={draft.publishOpen}
          onOpenChange={draft.setPublishOpen}
          segmentId={segment.id}
          segmentName={details.name}
          ruleJson={draft.saved.text.rule}
          revision={draft.revision}
          nextVersion={draft.nextVersion}
          onPublished={draft.onPublished}
        />
      </div>
    </CatalogProvider>
  );
}
