import "server-only";
import { assertRole, type Actor } from "@/lib/auth/access";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db/client";
import { recomputePlays } from "@/lib/db/membership/plays";
import { LONG_TRANSACTION } from "@/lib/db/transaction";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { playDefinitionSchema, type PlayDefinition } from "@/lib/plays/definition";
import { loadPlayContext } from "./context";
import { draftConflict, lockForPublish, notFound, PLAYS } from "@/lib/data/rules/versioned";

export interface PublishResult {
  version: number;
  changed: number;
}

/** A stored definition checked against today's tiers, segments and ids; its first problem otherwise. */
async function validDefinition(json: unknown, what: string): Promise<PlayDefinition> {
  const parsed = playDefinitionSchema(await loadPlayContext()).safeParse(json);
  if (!parsed.success) throw new AppError("INVALID", `${what}: ${parsed.error.issues[0]?.message ?? "it is not valid."}`);
  return parsed.data;
}

/**
 * The publish machinery segments use, for a play: a new numbered version with its note, the draft
 * replaced, memberships recomputed (entries and exits in the ledger), one audit entry; all in one
 * transaction, serialised on the play's row.
 */
async function publishVersion(actor: Actor, playId: number, definition: PlayDefinition, note: string, restoredFrom: number | null, baseRevision: number | null): Promise<PublishResult> {
  return db.$transaction(async (tx) => {
    const { version } = await lockForPublish(tx, PLAYS, playId, baseRevision);
    const json = definition as unknown as Prisma.InputJsonValue;
    await tx.playVersion.create({ data: { playId, version, definition: json, note, publishedById: actor.id, restoredFrom } });
    await tx.play.update({ where: { id: playId }, data: { name: definition.name, publishedVersion: version, draft: json, revision: { increment: 1 }, updatedById: actor.id } });
    const changed = await recomputePlays(tx, {
      reason: restoredFrom ? "RULE_RESTORED" : "RULE_PUBLISHED",
      ruleVersion: version,
      detail: restoredFrom ? `Play ${definition.name} v${restoredFrom} restored as v${version}: ${note}` : `Play ${definition.name} v${version}: ${note}`,
    });
    await recordAudit(
      {
        actor: { id: actor.id, email: actor.email ?? "" },
        action: restoredFrom ? "RULE_RESTORED" : "RULE_PUBLISHED",
        target: `play "${definition.name}" v${version}`,
        details: { playId, note, restoredFrom, membershipChanges: changed },
      },
      tx,
    );
    return { version, changed };
  }, LONG_TRANSACTION);
}

/** Publish the saved draft as a new version; reps see it at once. */
export async function publishPlay(actor: Actor, id: number, input: { baseRevision: number; note: string }): Promise<PublishResult> {
  assertRole(actor, "ADMIN");
  const play = await db.play.findFirst({ where: { id, archived: false } });
  if (!play) throw notFound(PLAYS);
  if (play.revision !== input.baseRevision) throw await draftConflict(PLAYS, id);
  return publishVersion(actor, id, await validDefinition(play.draft, "The draft cannot be published"), input.note, null, input.baseRevision);
}

export async function restorePlayVersion(actor: Actor, id: number, input: { version: number; note: string }): Promise<PublishResult> {
  assertRole(actor, "ADMIN");
  const old = await db.playVersion.findUnique({ where: { playId_version: { playId: id, version: input.version } } });
  if (!old) throw new AppError("NOT_FOUND", `Version ${input.version} of this play does not exist.`);
  return publishVersion(actor, id, await validDefinition(old.definition, `Version ${input.version} can no longer be used`), input.note, input.version, null);
}

/** Retire a play: its accounts leave it (recorded in the ledger); versions and outcomes are kept. */
export async function archivePlay(actor: Actor, id: number): Promise<void> {
  assertRole(actor, "ADMIN");
  await db.$transaction(async (tx) => {
    const play = await tx.play.findFirst({ where: { id, archived: false } });
    if (!play) throw notFound(PLAYS);
    await tx.play.update({ where: { id }, data: { archived: true, name: `${play.name} (archived ${id})` } });
    await recomputePlays(tx, { reason: "RULE_PUBLISHED", detail: `Play ${play.name} archived` });
    await recordAudit({ actor: { id: actor.id, email: actor.email ?? "" }, action: "RULE_PUBLISHED", target: `play "${play.name}" archived` }, tx);
  }, LONG_TRANSACTION);
}
