import "server-only";
import type { AccountTechnologiesChange, TechnologyDetection } from "@/lib/api/endpoints/technology-writes";
import { parseTechnology, type TechnologyLookup } from "@/lib/import/rows";
import { DEFAULT_CONFIDENCE } from "@/lib/import/stage/technologies";
import type { ApiKeyRef } from "../actor";
import { flagRepeats, resolveAccountRefs } from "./account-refs";
import { apiWrite, ItemErrors, sortedIds, type WriteOutcome, type WriteTx } from "./transaction";

interface Stored {
  first: string;
  last: string;
  confidence: number;
}

interface Detection {
  accountId: number;
  technologyId: number;
  first: string;
  last: string;
  confidence: number;
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

async function catalogue(tx: WriteTx): Promise<TechnologyLookup> {
  const technologies = await tx.technology.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
  return { byName: new Map(technologies.map((t) => [t.name.toLowerCase().replace(/\s+/g, " "), t.id])), names: technologies.map((t) => t.name) };
}

/**
 * A detection's dates and confidence as the CSV import completes them: what the item leaves out
 * keeps the stored value; a new detection was last seen today (or on its first-detected day, if
 * later), first seen when last seen, with full confidence.
 */
function complete(given: TechnologyDetection, stored: Stored | undefined, today: string): Omit<Detection, "accountId" | "technologyId"> {
  const last = given.lastDetectedAt ?? stored?.last ?? (given.firstDetectedAt && given.firstDetectedAt > today ? given.firstDetectedAt : today);
  return { first: given.firstDetectedAt ?? stored?.first ?? last, last, confidence: given.confidence ?? stored?.confidence ?? DEFAULT_CONFIDENCE };
}

type StoredRow = { account_id: number; technology_id: number } & Stored;

/**
 * The detections each item writes (completed from what is stored) and those it removes (`remove`,
 * and what a `set` leaves out); problems are recorded as item errors at the field they concern.
 */
function planChanges(
  items: readonly AccountTechnologiesChange[],
  accountIds: readonly (number | null)[],
  storedRows: readonly StoredRow[],
  lookup: TechnologyLookup,
  errors: ItemErrors,
): { upserts: Detection[]; deletes: { accountId: number; technologyId: number }[] } {
  const stored = new Map(storedRows.map((r) => [`${r.account_id}:${r.technology_id}`, r]));
  const today = isoDay(new Date());
  const upserts: Detection[] = [];
  const deletes: { accountId: number; technologyId: number }[] = [];
  items.forEach((item, index) => {
    const accountId = accountIds[index] ?? null;
    const resolve = (name: string, field: string): number | null => {
      const parsed = parseTechnology(name, lookup);
      if (parsed.ok) return parsed.value;
      errors.add(index, field, parsed.reason);
      return null;
    };
    const listed = new Set<number>();
    for (const [list, detections] of [["set", item.set], ["add", item.add]] as const) {
      detections?.forEach((d, j) => {
        const technologyId = resolve(d.technology, `${list}.${j}.technology`);
        if (technologyId === null) return;
        if (listed.has(technologyId)) return errors.add(index, `${list}.${j}.technology`, `${d.technology} is listed twice.`);
        listed.add(technologyId);
        if (accountId === null) return;
        const done = complete(d, stored.get(`${accountId}:${technologyId}`), today);
        if (done.first > done.last) errors.add(index, `${list}.${j}.firstDetectedAt`, `First detected ${done.first} would come after last detected ${done.last}.`);
        upserts.push({ accountId, technologyId, ...done });
      });
    }
    item.remove?.forEach((name, j) => {
      const technologyId = resolve(name, `remove.${j}`);
      if (technologyId === null) return;
      if (listed.has(technologyId)) return errors.add(index, `remove.${j}`, `${name} is both added and removed.`);
      if (accountId !== null && stored.has(`${accountId}:${technologyId}`)) deletes.push({ accountId, technologyId });
    });
    if (item.set && accountId !== null) {
      for (const row of storedRows) if (row.account_id === accountId && !listed.has(row.technology_id)) deletes.push({ accountId, technologyId: row.technology_id });
    }
  });
  return { upserts, deletes };
}

/**
 * POST /api/v1/account-technologies/batch: per account, the whole stack (`set`) or technologies to
 * add and remove, named as in the catalogue. Checked whole before anything is written.
 */
export async function updateApiTechnologies(key: ApiKeyRef, items: readonly AccountTechnologiesChange[]): Promise<WriteOutcome & { removed: number }> {
  return apiWrite(key, { kind: "account technologies", items: items.length }, async (tx) => {
    const errors = new ItemErrors();
    const accountIds = await resolveAccountRefs(tx, items, errors);
    flagRepeats(accountIds.map((id) => (id === null ? null : String(id))), (i) => (items[i]?.accountId !== undefined ? "accountId" : "domain"), errors, "account");
    const lookup = await catalogue(tx);
    const storedRows = await tx.$queryRaw<StoredRow[]>`
      SELECT account_id, technology_id, first_detected_at::text AS first, last_detected_at::text AS last, confidence
      FROM account_technologies WHERE account_id = ANY(${accountIds.filter((id) => id !== null)}::int[]) FOR UPDATE`;
    const { upserts, deletes } = planChanges(items, accountIds, storedRows, lookup, errors);
    errors.throwIfAny();

    const gone = deletes.length
      ? await tx.$queryRaw<{ account_id: number }[]>`
          DELETE FROM account_technologies t USING unnest(${deletes.map((d) => d.accountId)}::int[], ${deletes.map((d) => d.technologyId)}::int[]) AS u(account_id, technology_id)
          WHERE t.account_id = u.account_id AND t.technology_id = u.technology_id RETURNING t.account_id`
      : [];
    const written = upserts.length
      ? await tx.$queryRaw<{ account_id: number; created: boolean }[]>`
          INSERT INTO account_technologies AS t (account_id, technology_id, first_detected_at, last_detected_at, confidence)
          SELECT * FROM unnest(${upserts.map((u) => u.accountId)}::int[], ${upserts.map((u) => u.technologyId)}::int[],
                               ${upserts.map((u) => u.first)}::date[], ${upserts.map((u) => u.last)}::date[], ${upserts.map((u) => u.confidence)}::float8[])
          ON CONFLICT (account_id, technology_id) DO UPDATE
            SET first_detected_at = EXCLUDED.first_detected_at, last_detected_at = EXCLUDED.last_detected_at, confidence = EXCLUDED.confidence
            WHERE (t.first_detected_at, t.last_detected_at, t.confidence) IS DISTINCT FROM (EXCLUDED.first_detected_at, EXCLUDED.last_detected_at, EXCLUDED.confidence)
          RETURNING t.account_id, (t.xmax = 0) AS created`
      : [];
    const created = written.filter((w) => w.created).length;
    return {
      created,
      updated: written.length - created,
      unchanged: upserts.length - written.length,
      accountIds: sortedIds([...written.map((w) => w.account_id), ...gone.map((g) => g.account_id)]),
      removed: gone.length,
    };
  });
}
