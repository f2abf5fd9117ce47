"use client";

import { Rocket, Save } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { previewSegment } from "@/lib/actions/preview-rule";
import { restoreSegment } from "@/lib/actions/publish-rule";
import { saveSegmentDraft } from "@/lib/actions/save-rule-draft";
import type { SegmentEditorData } from "@/lib/data/rules/segments";
import type { SegmentDetails } from "@/lib/validation/segment";
import { ArchiveSegmentButton } from "./archive-segment-button";
import { CatalogProvider, type RuleCatalog } from "./catalog";
import { ActionBanner } from "@/components/ui/alert";
import { EditorHeader } from "./editor-header";
import { clearFlash, peekFlash, setFlash } from "./flash";
import { errorIssues, validateEditorRule, warningIssues, type RuleIssue } from "./issues";
import { formatDateTime } from "./format";
import { PublishSegmentDialog } from "./publish-segment-dialog";
import { RuleBuilder } from "./rule-builder";
import { fromRuleJson, toRuleJson, type EditorGroup } from "./rule-tree";
import { SegmentDetailsFields, checkDetails, type DetailErrors } from "./segment-details-fields";
import { SegmentPreviewPanel } from "./segment-preview-panel";
import { Card } from "@/components/ui/card";
import { plural } from "@/lib/utils/format";
import { ColorDot } from "./ui";
import { useLivePreview } from "./use-live-preview";
import { useSaveShortcut } from "./use-save-shortcut";
import { useUnsavedChangesWarning } from "./use-unsaved-changes";
import { VersionHistory } from "./version-history";

type Failure = { message: string; conflict: boolean } | null;

/**
 * The segment editor: details, the rule builder, a live preview, save (with conflict
 * detection), publish with a diff and a note, version history with restore, and archive.
 * The page remounts it (key = published version) after a publish or restore.
 */
export function SegmentEditor({ segment, catalog }: { segment: SegmentEditorData; catalog: RuleCatalog }) {
  const router = useRouter();
  const flashScope = `segment-${segment.id}`;
  const [details, setDetails] = useState<SegmentDetails>(segment.details);
  const [tree, setTree] = useState<EditorGroup>(() => fromRuleJson(segment.draftRule));
  const [revision, setRevision] = useState(segment.revision);
  const [saved, setSaved] = useState(() => ({
    details: JSON.stringify(segment.details),
    rule: JSON.stringify(toRuleJson(fromRuleJson(segment.draftRule))),
    at: segment.updatedAt,
    by: segment.updatedBy,
  }));
  const [initialRule] = useState(saved.rule);
  const [detailErrors, setDetailErrors] = useState<DetailErrors>({});
  const [revealAll, setRevealAll] = useState(false);
  const [failure, setFailure] = useState<Failure>(null);
  const [notice, setNotice] = useState<string | null>(() => peekFlash(flashScope));
  const [busy, setBusy] = useState<"save" | "publish" | null>(null);
  const [publishOpen, setPublishOpen] = useState(false);
  const [leaving, setLeaving] = useState(false);

  useEffect(() => clearFlash(flashScope), [flashScope]);

  const ruleJson = toRuleJson(tree);
  const ruleText = JSON.stringify(ruleJson);
  const detailsText = JSON.stringify(details);
  const dirty = !leaving && (ruleText !== saved.rule || detailsText !== saved.details);
  const unpublished = segment.hasUnpublishedChanges || saved.rule !== initialRule;
  const check = validateEditorRule(tree);
  const preview = useLivePreview(check.ok ? ruleJson : null, (rule) => previewSegment(segment.id, rule));

  const serverErrors = preview.result && !preview.result.ok && !preview.pending ? errorIssues(preview.result.errors) : [];
  const problems: RuleIssue[] = check.ok ? serverErrors : check.issues;
  const warnings = preview.result?.ok ? warningIssues(preview.result.warnings) : [];

  useUnsavedChangesWarning(dirty);

  const save = async (): Promise<boolean> => {
    const detailProblems = checkDetails(details);
    setDetailErrors(detailProblems);
    if (!check.ok || Object.keys(detailProblems).length > 0) {
      setRevealAll(true);
      setFailure({ message: "Fix the highlighted problems before saving.", conflict: false });
      return false;
    }
    setBusy("save");
    setFailure(null);
    setNotice(null);
    const sent = { rule: ruleText, details: detailsText };
    const result = await saveSegmentDraft(segment.id, { details, rule: ruleJson, baseRevision: revision });
    setBusy(null);
    if (result.ok) {
      setRevision(result.data.revision);
      setSaved({ ...sent, at: new Date(), by: "you" });
      return true;
    }
    if (result.code === "DUPLICATE_NAME") setDetailErrors({ name: result.error });
    else setFailure({ message: result.error, conflict: result.code === "CONFLICT" });
    return false;
  };

  const startPublish = async () => {
    if (dirty) {
      setBusy("publish");
      const ok = await save();
      setBusy(null);
      if (!ok) return;
    }
    setPublishOpen(true);
  };

  useSaveShortcut(() => {
    if (dirty && !busy) void save().then((ok) => ok && setNotice("Draft saved."));
  });

  const nextVersion = (segment.versions[0]?.version ?? 0) + 1;
  const canPublish = !busy && (dirty || unpublished);

  return (
    <CatalogProvider catalog={catalog}>
      <div className="space-y-6">
        <EditorHeader
          crumbs={[{ href: "/admin/rules", label: "Rules" }]}
          title={details.name.trim() || segment.details.name}
          titleAdornment={<ColorDot color={/^#[0-9a-f]{6}$/i.test(details.color) ? details.color : segment.details.color} className="h-3.5 w-3.5" />}
          publishedVersion={segment.publishedVersion}
          unpublished={unpublished}
          dirty={dirty}
          meta={
            <>
              {segment.publishedVersion ? `${plural(segment.members, "member")} now` : "Not published yet"} · Draft saved {formatDateTime(saved.at)}
              {saved.by ? ` by ${saved.by}` : ""}
            </>
          }
          actions={
            <>
              <ArchiveSegmentButton
                segmentId={segment.id}
                name={segment.details.name}
                members={segment.members}
                onArchived={() => {
                  setLeaving(true);
                  router.push("/admin/rules");
                }}
              />
              <Button type="button" variant="secondary" onClick={() => void save().then((ok) => ok && setNotice("Draft saved."))} disabled={!dirty || busy !== null}>
                <Save className="h-4 w-4" aria-hidden />
                {busy === "save" ? "Saving…" : "Save draft"}
              </Button>
              <Button type="button" onClick={() => void startPublish()} disabled={!canPublish} title={canPublish ? undefined : "Nothing to publish: the draft is the published version"}>
                <Rocket className="h-4 w-4" aria-hidden />
                {busy === "publish" ? "Saving…" : "Publish…"}
              </Button>
            </>
          }
        />

        {failure && <ActionBanner message={failure.message} conflict={failure.conflict} />}
        {notice && !failure && <ActionBanner message={notice} tone="success" />}

        <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_380px]">
          <div className="min-w-0 space-y-6">
            <Card title="Details" id="segment-details-heading">
              <SegmentDetailsFields value={details} onChange={setDetails} errors={detailErrors} layout="wide" />
            </Card>
            <Card
              title="Rule"
              id="segment-rule-heading"
              description="Accounts that meet this rule are members of the segment. Segments may overlap."
            >
              <RuleBuilder
                value={tree}
                onChange={setTree}
                issues={[...problems, ...warnings]}
                revealAll={revealAll}
                label={`Rule for ${details.name || "this segment"}`}
              />
            </Card>
            <VersionHistory
              what="segment"
              versions={segment.versions.map((v) => ({ ...v, summary: v.ruleText }))}
              currentVersion={segment.publishedVersion}
              disabled={busy !== null}
              onRestore={async (version, note) => {
                const result = await restoreSegment(segment.id, version, note);
                if (result.ok) {
                  setFlash(flashScope, `Restored v${version} as v${result.data.version}. ${plural(result.data.changed, "account")} changed membership.`);
                  setLeaving(true);
                  router.refresh();
                }
                return result;
              }}
            />
          </div>
          <aside className="min-w-0 lg:sticky lg:top-20" aria-label="Preview">
            <SegmentPreviewPanel preview={preview} problems={problems} color={details.color} />
          </aside>
        </div>

        <PublishSegmentDialog
          open={publishOpen}
          onOpenChange={setPublishOpen}
          segmentId={segment.id}
          segmentName={details.name}
          ruleJson={saved.rule}
          revision={revision}
          nextVersion={nextVersion}
          onPublished={(result) => {
            setFlash(flashScope, `Published v${result.version}. ${plural(result.changed, "account")} changed membership.`);
            setPublishOpen(false);
            router.refresh();
          }}
        />
      </div>
    </CatalogProvider>
  );
}
