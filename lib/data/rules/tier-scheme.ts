import "server-only";
import { assertRole, type Actor } from "@/lib/auth/access";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db/client";
import { recomputeTiers } from "@/lib/db/membership/recompute-rule";
import { LONG_TRANSACTION } from "@/lib/db/transaction";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { parseTierScheme, type ParseTierSchemeResult, type TierScheme, type TierSchemeError } from "@/lib/segmentation/tier-scheme";
import { loadRuleContext } from "./context";
import { userNames, versionMeta, type VersionMeta } from "./versioned";
import { fieldCoverage, lintTierScheme, type LintWarning } from "./lint";
import { previewOwner } from "./preview-slot";
import type { PreviewPhase } from "./preview-estimate";
import { previewTierScheme, tierMovers, type TierMover, type TierPreview } from "./tier-preview";

export const EMPTY_SCHEME: TierScheme = { tiers: [] };

export interface TierSchemeVersionInfo extends VersionMeta {
  tierNames: string[];
}

export interface TierSchemeEditorData {
  draft: unknown;
  revision: number;
  updatedAt: Date | null;
  updatedBy: string | null;
  publishedVersion: number | null;
  /** True when the draft differs from the newest published version. */
  hasUnpublishedChanges: boolean;
  versions: TierSchemeVersionInfo[];
}

export async function getTierSchemeEditor(actor: Actor): Promise<TierSchemeEditorData> {
  assertRole(actor, "ADMIN");
  const [draft, versions] = await Promise.all([
    db.tierSchemeDraft.findUnique({ where: { id: 1 } }),
    db.tierSchemeVersion.findMany({ orderBy: { version: "desc" } }),
  ]);
  const names = await userNames([draft?.updatedById ?? null, ...versions.map((v) => v.publishedById)]);
  const latest = versions[0];
  const draftDefinition = draft?.definition ?? latest?.definition ?? EMPTY_SCHEME;
  return {
    draft: draftDefinition,
    revision: draft?.revision ?? 0,
    updatedAt: draft?.updatedAt ?? null,
    updatedBy: draft?.updatedById ? (names.get(draft.updatedById) ?? null) : null,
    publishedVersion: latest?.version ?? null,
    hasUnpublishedChanges: !latest || JSON.stringify(latest.definition) !== JSON.stringify(draftDefinition),
    versions: versions.map((v) => ({
      ...versionMeta(v, names),
      tierNames: parseTierScheme(v.definition).ok
        ? (v.definition as { tiers: { name: string }[] }).tiers.map((t) => t.name)
        : [],
    })),
  };
}

export type ValidatedScheme = { ok: true; scheme: TierScheme } | { ok: false; errors: TierSchemeError[] };

export async function validateTierScheme(definition: unknown): Promise<ValidatedScheme> {
  const parsed = parseTierScheme(definition, await loadRuleContext());
  return parsed.ok ? { ok: true, scheme: parsed.scheme } : { ok: false, errors: parsed.errors };
}

export type TierSchemePreviewResult =
  | { ok: true; preview: TierPreview; warnings: LintWarning[]; movers?: TierMover[] }
  | { ok: false; errors: TierSchemeError[] };

/**
 * Live preview while editing: counts, samples, the transition matrix and lint warnings; with
 * `movers` (the publish dialog) also the biggest accounts that would change tier. An estimate
 * (`phase` "estimate" on a big database) comes without lint warnings, as for segments.
 */
export async function previewTierSchemeDraft(
  actor: Actor,
  validated: ParseTierSchemeResult,
  options: { movers?: boolean; previewKey?: string; phase?: PreviewPhase } = {},
): Promise<TierSchemePreviewResult> {
  assertRole(actor, "ADMIN");
  if (!validated.ok) return validated;
  const tiers = validated.scheme.tiers;
  // The exact pass reads lint's field coverage beside the counts (a scan of its own at 1M accounts).
  const [preview, movers, coverage] = await Promise.all([
    previewTierScheme(tiers, previewOwner(actor, options.previewKey), options.phase),
    options.movers ? tierMovers(tiers) : undefined,
    options.phase !== "estimate" ? fieldCoverage(tiers.map((t) => t.rule)) : undefined,
  ]);
  const warnings = preview.estimate ? [] : await lintTierScheme(validated.scheme, preview, coverage);
  return { ok: true, preview, warnings, ...(movers ? { movers } : {}) };
}

async function conflictError(): Promise<AppError> {
  const draft = await db.tierSchemeDraft.findUnique({ where: { id: 1 } });
  const who = draft?.updatedById ? (await userNames([draft.updatedById])).get(draft.updatedById) : null;
  return new AppError(
    "CONFLICT",
    `${who ?? "Another admin"} changed the tier scheme draft while you were editing. Reload to see their version; your edits are still on screen.`,
  );
}

/**
 * Save the draft. `baseRevision` is the revision the editor loaded: if someone saved since,
 * the save is refused instead of silently overwriting their work.
 */
export async function saveTierSchemeDraft(actor: Actor, scheme: TierScheme, baseRevision: number): Promise<{ revision: number }> {
  assertRole(actor, "ADMIN");
  const json = scheme as unknown as Prisma.InputJsonValue;
  if (baseRevision === 0) {
    const created = await db.tierSchemeDraft.createMany({
      data: [{ id: 1, definition: json, revision: 1, updatedById: actor.id }],
      skipDuplicates: true,
    });
    if (created.count === 1) return { revision: 1 };
  }
  const updated = await db.tierSchemeDraft.updateMany({
    where: { id: 1, revision: baseRevision },
    data: { definition: json, revision: { increment: 1 }, updatedById: actor.id },
  });
  if (updated.count === 0) throw await conflictError();
  return { revision: baseRevision + 1 };
}

export interface PublishResult {
  version: number;
  changed: number;
}

async function publishScheme(
  actor: Actor,
  scheme: TierScheme,
  note: string,
  restoredFrom: number | null,
  baseRevision: number | null,
): Promise<PublishResult> {
  const trimmed = note.trim();
  const json = scheme as unknown as Prisma.InputJsonValue;
  const result = await db.$transaction(async (tx) => {
    // Serialise publishes: the draft row is the lock.
    await tx.$executeRaw`INSERT INTO tier_scheme_draft (id, definition, revision, updated_at) VALUES (1, ${JSON.stringify(scheme)}::jsonb, 0, now()) ON CONFLICT (id) DO NOTHING`;
    const [draft] = await tx.$queryRaw<{ revision: number }[]>`SELECT revision FROM tier_scheme_draft WHERE id = 1 FOR UPDATE`;
    if (baseRevision !== null && draft && draft.revision !== baseRevision) throw await conflictError();
    const last = await tx.tierSchemeVersion.findFirst({ orderBy: { version: "desc" }, select: { version: true } });
    const version = (last?.version ?? 0) + 1;
    await tx.tierSchemeVersion.create({
      data: { version, definition: json, note: trimmed, publishedById: actor.id, restoredFrom },
    });
    await tx.tierSchemeDraft.update({
      where: { id: 1 },
      data: { definition: json, revision: { increment: 1 }, updatedById: actor.id },
    });
    const changed = await recomputeTiers(
      tx,
      { version, tiers: scheme.tiers },
      {
        reason: restoredFrom ? "RULE_RESTORED" : "RULE_PUBLISHED",
        ruleVersion: version,
        detail: restoredFrom ? `Tier scheme v${restoredFrom} restored as v${version}: ${trimmed}` : `Tier scheme v${version}: ${trimmed}`,
      },
    );
    await recordAudit(
      {
        actor: { id: actor.id, email: actor.email ?? "" },
        action: restoredFrom ? "RULE_RESTORED" : "RULE_PUBLISHED",
        target: `tier scheme v${version}`,
        details: { note: trimmed, restoredFrom, accountsChanged: changed, tiers: scheme.tiers.map((t) => t.name) },
      },
      tx,
    );
    return { version, changed };
  }, LONG_TRANSACTION);
  return result;
}

/** Publish the saved draft as a new version and recompute every account's tier. */
export async function publishTierScheme(actor: Actor, input: { baseRevision: number; note: string }): Promise<PublishResult> {
  assertRole(actor, "ADMIN");
  const draft = await db.tierSchemeDraft.findUnique({ where: { id: 1 } });
  if (!draft) throw new AppError("INVALID", "Save the draft before publishing.");
  if (draft.revision !== input.baseRevision) throw await conflictError();
  const validated = await validateTierScheme(draft.definition);
  if (!validated.ok) throw new AppError("INVALID", validated.errors[0]?.message ?? "The draft is not valid.");
  return publishScheme(actor, validated.scheme, input.note, null, input.baseRevision);
}

/** Publish an earlier version again (as a new version), replacing the draft. */
export async function restoreTierSchemeVersion(actor: Actor, input: { version: number; note: string }): Promise<PublishResult> {
  assertRole(actor, "ADMIN");
  const old = await db.tierSchemeVersion.findUnique({ where: { version: input.version } });
  if (!old) throw new AppError("NOT_FOUND", `Tier scheme version ${input.version} does not exist.`);
  const validated = await validateTierScheme(old.definition);
  if (!validated.ok) throw new AppError("INVALID", `Version ${input.version} can no longer be used: ${validated.errors[0]?.message}`);
  return publishScheme(actor, validated.scheme, input.note, input.version, null);
}
