import "server-only";
import { assertRole, type Actor } from "@/lib/auth/access";
import { db } from "@/lib/db/client";
import { sharedAggregate } from "@/lib/data/aggregate-cache";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isPlayRunning, readPlayDefinition, type PlayDefinition } from "@/lib/plays/definition";
import { toIsoDate } from "@/lib/segmentation/dates";
import { loadNameLookups } from "@/lib/data/rules/context";
import { draftConflict, duplicateName, nameTaken, notFound, PLAYS, userNames, versionMeta, type VersionMeta } from "@/lib/data/rules/versioned";
import { loadAudienceNames } from "./context";
import { describeAudience } from "./describe";

export interface PlayVersionInfo extends VersionMeta {
  audienceText: string;
}

export interface PlayEditorData {
  id: number;
  draft: PlayDefinition;
  revision: number;
  updatedAt: Date;
  updatedBy: string | null;
  publishedVersion: number | null;
  hasUnpublishedChanges: boolean;
  members: number;
  versions: PlayVersionInfo[];
}

export interface PlayListRow {
  id: number;
  name: string;
  goal: string;
  kind: PlayDefinition["kind"];
  priority: number;
  channel: PlayDefinition["channel"];
  startsOn: string | null;
  endsOn: string | null;
  /** Published and inside its dates today. */
  running: boolean;
  publishedVersion: number | null;
  hasUnpublishedChanges: boolean;
  members: number;
  audienceText: string;
  updatedAt: Date;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Audience sizes of these plays: accounts whose play_ids hold them (GIN-indexed). */
async function playMemberCounts(playIds: number[]): Promise<Map<number, number>> {
  if (playIds.length === 0) return new Map();
  const rows = await db.$queryRaw<{ play_id: number; n: number }[]>`
    SELECT x.play_id, count(*)::int AS n FROM account_segmentation r CROSS JOIN LATERAL unnest(r.play_ids) AS x(play_id)
    WHERE r.play_ids && ${playIds}::int[] GROUP BY x.play_id`;
  return new Map(rows.map((r) => [r.play_id, r.n]));
}

/**
 * Audience sizes of every live play, shared across requests while no data changes
 * (aggregate-cache.ts): at 1,000,000 accounts the count reads most accounts' rows (0.45-0.51 s)
 * for each visit of the plays page. Archiving or publishing a play writes the tables the data
 * stamp watches, so the next visit counts again.
 */
function livePlayMemberCounts(): Promise<ReadonlyMap<number, number>> {
  return sharedAggregate("admin:play-members", async () => {
    const plays = await db.play.findMany({ where: { archived: false }, select: { id: true } });
    return playMemberCounts(plays.map((p) => p.id));
  });
}

/** Every live play with its audience size; admins edit them, managers read them. */
export async function listPlays(actor: Actor): Promise<PlayListRow[]> {
  assertRole(actor, "ADMIN", "MANAGER");
  const plays = await db.play.findMany({ where: { archived: false }, orderBy: { name: "asc" }, include: { versions: { orderBy: { version: "desc" }, take: 1 } } });
  const [members, names, lookups] = await Promise.all([livePlayMemberCounts(), loadAudienceNames(), loadNameLookups()]);
  const today = toIsoDate(new Date());
  return plays.flatMap((p) => {
    const draft = readPlayDefinition(p.draft);
    if (!draft) return [];
    const latest = p.versions[0];
    const published = latest ? readPlayDefinition(latest.definition) : null;
    const shown = published ?? draft;
    return [
      {
        id: p.id,
        name: p.name,
        goal: shown.goal,
        kind: shown.kind,
        priority: shown.priority,
        channel: shown.channel,
        startsOn: shown.startsOn,
        endsOn: shown.endsOn,
        running: !!published && isPlayRunning(published, today),
        publishedVersion: p.publishedVersion,
        hasUnpublishedChanges: !latest || !sameJson(latest.definition, p.draft),
        members: members.get(p.id) ?? 0,
        audienceText: describeAudience(shown.audience, names, lookups),
        updatedAt: p.updatedAt,
      },
    ];
  });
}

export async function getPlayEditor(actor: Actor, id: number): Promise<PlayEditorData | null> {
  assertRole(actor, "ADMIN");
  const play = await db.play.findFirst({ where: { id, archived: false }, include: { versions: { orderBy: { version: "desc" } } } });
  if (!play) return null;
  const draft = readPlayDefinition(play.draft);
  if (!draft) return null;
  const [userName, members, names, lookups] = await Promise.all([
    userNames([play.updatedById, ...play.versions.map((v) => v.publishedById)]),
    playMemberCounts([id]),
    loadAudienceNames(),
    loadNameLookups(),
  ]);
  const latest = play.versions[0];
  return {
    id: play.id,
    draft,
    revision: play.revision,
    updatedAt: play.updatedAt,
    updatedBy: play.updatedById ? (userName.get(play.updatedById) ?? null) : null,
    publishedVersion: play.publishedVersion,
    hasUnpublishedChanges: !latest || !sameJson(latest.definition, play.draft),
    members: members.get(id) ?? 0,
    versions: play.versions.map((v) => {
      const definition = readPlayDefinition(v.definition);
      return {
        ...versionMeta(v, userName),
        audienceText: definition ? describeAudience(definition.audience, names, lookups) : "(no longer valid)",
      };
    }),
  };
}

/** A new play, saved as a draft (nobody sees it until it is published). */
export async function createPlay(actor: Actor, definition: PlayDefinition): Promise<{ id: number }> {
  assertRole(actor, "ADMIN");
  if (await nameTaken(PLAYS, definition.name)) throw duplicateName(PLAYS, definition.name);
  const play = await db.play.create({ data: { name: definition.name, draft: definition as unknown as Prisma.InputJsonValue, updatedById: actor.id } });
  return { id: play.id };
}

/** Save the draft, refusing to overwrite a newer save by someone else. */
export async function savePlayDraft(actor: Actor, id: number, definition: PlayDefinition, baseRevision: number): Promise<{ revision: number }> {
  assertRole(actor, "ADMIN");
  if (await nameTaken(PLAYS, definition.name, id)) throw duplicateName(PLAYS, definition.name);
  const exists = await db.play.findFirst({ where: { id, archived: false }, select: { id: true } });
  if (!exists) throw notFound(PLAYS);
  const updated = await db.play.updateMany({
    where: { id, revision: baseRevision },
    data: { name: definition.name, draft: definition as unknown as Prisma.InputJsonValue, revision: { increment: 1 }, updatedById: actor.id },
  });
  if (updated.count === 0) throw await draftConflict(PLAYS, id);
  return { revision: baseRevision + 1 };
}
