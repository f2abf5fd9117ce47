import "server-only";
import { assertRole, type Actor } from "@/lib/auth/access";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db/client";
import { sharedAggregate } from "@/lib/data/aggregate-cache";
import { recomputeSegment } from "@/lib/db/membership/recompute-rule";
import { LONG_TRANSACTION } from "@/lib/db/transaction";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { parseRule, type ParseRuleResult, type RuleError, type RuleGroup } from "@/lib/segmentation/schema";
import { describeRule } from "@/lib/segmentation/text";
import type { SegmentDetails } from "@/lib/validation/segment";
import { loadNameLookups, loadRuleContext } from "./context";
import { draftConflict, duplicateName, lockForPublish, nameTaken, notFound, SEGMENTS, userNames, versionMeta, type VersionMeta } from "./versioned";
import { fieldCoverage, lintSegmentRule, type LintWarning } from "./lint";
import { previewSegmentRule, type PreviewPhase, type SegmentPreview } from "./preview";
import { previewOwner } from "./preview-slot";
import type { PublishResult } from "./tier-scheme";

export const EMPTY_RULE: RuleGroup = { kind: "group", op: "and", children: [] };

export interface SegmentVersionInfo extends VersionMeta {
  ruleText: string;
}

export interface SegmentEditorData {
  id: number;
  details: SegmentDetails;
  draftRule: unknown;
  revision: number;
  updatedAt: Date;
  updatedBy: string | null;
  publishedVersion: number | null;
  hasUnpublishedChanges: boolean;
  members: number;
  versions: SegmentVersionInfo[];
}

export interface SegmentAdminRow {
  id: number;
  name: string;
  kind: string;
  color: string;
  description: string;
  publishedVersion: number | null;
  hasUnpublishedChanges: boolean;
  members: number;
  ruleText: string;
  updatedAt: Date;
}

/**
 * Members of every segment, shared across requests while no data changes (aggregate-cache.ts): a
 * pass over every membership row (92-161 ms at 1,000,000 accounts) for each visit of the rules page.
 */
function segmentMemberCounts(): Promise<ReadonlyMap<number, number>> {
  return sharedAggregate("admin:segment-members", async () => {
    const counts = await db.accountSegment.groupBy({ by: ["segmentId"], _count: { _all: true } });
    return new Map(counts.map((c) => [c.segmentId, c._count._all]));
  });
}

export async function listSegmentsForAdmin(actor: Actor): Promise<SegmentAdminRow[]> {
  assertRole(actor, "ADMIN");
  const [segments, members, lookups] = await Promise.all([
    db.segment.findMany({ where: { archived: false }, orderBy: { name: "asc" }, include: { versions: { orderBy: { version: "desc" }, take: 1 } } }),
    segmentMemberCounts(),
    loadNameLookups(),
  ]);
  return segments.map((s) => {
    const latest = s.versions[0];
    const parsed = parseRule(s.draftRule);
    return {
      id: s.id,
      name: s.name,
      kind: s.kind,
      color: s.color,
      description: s.description,
      publishedVersion: s.publishedVersion,
      hasUnpublishedChanges: !latest || JSON.stringify(latest.rule) !== JSON.stringify(s.draftRule),
      members: members.get(s.id) ?? 0,
      ruleText: parsed.ok ? describeRule(parsed.rule, lookups) : "(draft has errors)",
      updatedAt: s.updatedAt,
    };
  });
}

export async function getSegmentEditor(actor: Actor, id: number): Promise<SegmentEditorData | null> {
  assertRole(actor, "ADMIN");
  const segment = await db.segment.findFirst({
    where: { id, archived: false },
    include: { versions: { orderBy: { version: "desc" } } },
  });
  if (!segment) return null;
  const [members, lookups] = await Promise.all([db.accountSegment.count({ where: { segmentId: id } }), loadNameLookups()]);
  const userIds = [segment.updatedById, ...segment.versions.map((v) => v.publishedById)].filter((x): x is string => !!x);
  const names = await userNames(userIds);
  const latest = segment.versions[0];
  return {
    id: segment.id,
    details: {
      name: segment.name,
      description: segment.description,
      kind: segment.kind as SegmentDetails["kind"],
      color: segment.color,
    },
    draftRule: segment.draftRule,
    revision: segment.revision,
    updatedAt: segment.updatedAt,
    updatedBy: segment.updatedById ? (names.get(segment.updatedById) ?? null) : null,
    publishedVersion: segment.publishedVersion,
    hasUnpublishedChanges: !latest || JSON.stringify(latest.rule) !== JSON.stringify(segment.draftRule),
    members,
    versions: segment.versions.map((v) => {
      const parsed = parseRule(v.rule);
      return {
        ...versionMeta(v, names),
        ruleText: parsed.ok ? describeRule(parsed.rule, lookups) : "(no longer valid)",
      };
    }),
  };
}

export async function createSegment(actor: Actor, details: SegmentDetails): Promise<{ id: number }> {
  assertRole(actor, "ADMIN");
  if (await nameTaken(SEGMENTS, details.name)) throw duplicateName(SEGMENTS, details.name);
  const segment = await db.segment.create({
    data: { ...details, draftRule: EMPTY_RULE as unknown as Prisma.InputJsonValue, updatedById: actor.id },
  });
  return { id: segment.id };
}

export type ValidatedRule = { ok: true; rule: RuleGroup } | { ok: false; errors: RuleError[] };

export async function validateRule(rule: unknown): Promise<ValidatedRule> {
  const parsed = parseRule(rule, await loadRuleContext());
  return parsed.ok ? { ok: true, rule: parsed.rule } : { ok: false, errors: parsed.errors };
}

export type SegmentPreviewResult =
  | { ok: true; preview: SegmentPreview; text: string; warnings: LintWarning[] }
  | { ok: false; errors: RuleError[] };

/**
 * Live preview of a rule being edited (count, sample, plain language, diff, lint); a rule with
 * errors gets them back. With the editor's `previewKey`, a newer preview from the same editor
 * cancels this one's query (preview-slot.ts). An estimate (`phase` "estimate" on a big database)
 * comes without lint warnings: they depend on exact counts and follow with the exact answer.
 */
export async function previewSegmentDraft(
  actor: Actor,
  segmentId: number | null,
  validated: ParseRuleResult,
  previewKey?: string,
  phase: PreviewPhase = "exact",
): Promise<SegmentPreviewResult> {
  assertRole(actor, "ADMIN");
  if (!validated.ok) return validated;
  const segment = segmentId ? await db.segment.findUnique({ where: { id: segmentId }, select: { publishedVersion: true } }) : null;
  // The exact pass reads lint's field coverage beside the count (a scan of its own at 1M accounts).
  const [preview, lookups, coverage] = await Promise.all([
    previewSegmentRule(validated.rule, segmentId, segment?.publishedVersion != null, previewOwner(actor, previewKey), phase),
    loadNameLookups(),
    phase === "exact" ? fieldCoverage([validated.rule]) : undefined,
  ]);
  return {
    ok: true,
    preview,
    text: describeRule(validated.rule, lookups),
    warnings: preview.estimate ? [] : await lintSegmentRule(validated.rule, preview.matching, coverage),
  };
}

/** Save the draft (details and rule), refusing to overwrite a newer save by someone else. */
export async function saveSegmentDraft(
  actor: Actor,
  id: number,
  input: { details: SegmentDetails; rule: RuleGroup; baseRevision: number },
): Promise<{ revision: number }> {
  assertRole(actor, "ADMIN");
  const { details } = input;
  if (await nameTaken(SEGMENTS, details.name, id)) throw duplicateName(SEGMENTS, details.name);
  const exists = await db.segment.findFirst({ where: { id, archived: false }, select: { id: true } });
  if (!exists) throw notFound(SEGMENTS);
  const updated = await db.segment.updateMany({
    where: { id, revision: input.baseRevision },
    data: {
      ...details,
      draftRule: input.rule as unknown as Prisma.InputJsonValue,
      revision: { increment: 1 },
      updatedById: actor.id,
    },
  });
  if (updated.count === 0) throw await draftConflict(SEGMENTS, id);
  return { revision: input.baseRevision + 1 };
}

async function publishRule(
  actor: Actor,
  segmentId: number,
  rule: RuleGroup,
  note: string,
  restoredFrom: number | null,
  baseRevision: number | null,
): Promise<PublishResult> {
  return db.$transaction(async (tx) => {
    const { name, version } = await lockForPublish(tx, SEGMENTS, segmentId, baseRevision);
    const json = rule as unknown as Prisma.InputJsonValue;
    await tx.segmentVersion.create({
      data: { segmentId, version, rule: json, note: note, publishedById: actor.id, restoredFrom },
    });
    await tx.segment.update({
      where: { id: segmentId },
      data: { publishedVersion: version, draftRule: json, revision: { increment: 1 }, updatedById: actor.id },
    });
    const { entered, left } = await recomputeSegment(
      tx,
      { id: segmentId, rule },
      {
        reason: restoredFrom ? "RULE_RESTORED" : "RULE_PUBLISHED",
        ruleVersion: version,
        detail: restoredFrom
          ? `${name} v${restoredFrom} restored as v${version}: ${note}`
          : `${name} v${version}: ${note}`,
      },
    );
    await recordAudit(
      {
        actor: { id: actor.id, email: actor.email ?? "" },
        action: restoredFrom ? "RULE_RESTORED" : "RULE_PUBLISHED",
        target: `segment "${name}" v${version}`,
        details: { segmentId, note: note, restoredFrom, entered, left },
      },
      tx,
    );
    return { version, changed: entered + left };
  }, LONG_TRANSACTION);
}

/** Publish the saved draft as a new version and recompute the segment's members. */
export async function publishSegment(actor: Actor, id: number, input: { baseRevision: number; note: string }): Promise<PublishResult> {
  assertRole(actor, "ADMIN");
  const segment = await db.segment.findFirst({ where: { id, archived: false } });
  if (!segment) throw notFound(SEGMENTS);
  if (segment.revision !== input.baseRevision) throw await draftConflict(SEGMENTS, id);
  const validated = await validateRule(segment.draftRule);
  if (!validated.ok) throw new AppError("INVALID", validated.errors[0]?.message ?? "The draft is not valid.");
  return publishRule(actor, id, validated.rule, input.note, null, input.baseRevision);
}

export async function restoreSegmentVersion(actor: Actor, id: number, input: { version: number; note: string }): Promise<PublishResult> {
  assertRole(actor, "ADMIN");
  const old = await db.segmentVersion.findUnique({ where: { segmentId_version: { segmentId: id, version: input.version } } });
  if (!old) throw new AppError("NOT_FOUND", `Version ${input.version} of this segment does not exist.`);
  const validated = await validateRule(old.rule);
  if (!validated.ok) throw new AppError("INVALID", `Version ${input.version} can no longer be used: ${validated.errors[0]?.message}`);
  return publishRule(actor, id, validated.rule, input.note, input.version, null);
}

/** Retire a segment: members are removed (recorded in the ledger), history is kept. */
export async function archiveSegment(actor: Actor, id: number): Promise<void> {
  assertRole(actor, "ADMIN");
  await db.$transaction(async (tx) => {
    const segment = await tx.segment.findFirst({ where: { id, archived: false } });
    if (!segment) throw notFound(SEGMENTS);
    // Archived first: the recompute then finds the segment no longer published, as its empty rule
    // says, and keeps the full recompute's stamp (recompute-rule.ts).
    await tx.segment.update({ where: { id }, data: { archived: true, name: `${segment.name} (archived ${id})` } });
    await recomputeSegment(tx, { id, rule: null }, { reason: "RULE_PUBLISHED", detail: `${segment.name} archived` });
    await recordAudit({ actor: { id: actor.id, email: actor.email ?? "" }, action: "RULE_PUBLISHED", target: `segment "${segment.name}" archived` }, tx);
  }, LONG_TRANSACTION);
}
