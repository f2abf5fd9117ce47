/**
 * The day plan as CSV: exactly the items /today shows for the same URL (rep, filters, capacity),
 * in the same order and with the same columns, safe against spreadsheet formula injection
 * (lib/utils/csv.ts: account and play text is user data). Audited like the accounts export.
 */
import "server-only";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/access";
import { UNTIERED } from "@/lib/domain/tiers";
import { PLAY_KIND_LABELS } from "@/lib/plays/kinds";
import { CSV_BOM, csvRow, type CsvValue } from "@/lib/utils/csv";
import { serializeTodayQuery, type TodayQuery } from "@/lib/validation/today-query";
import { getWorklist, type WorklistItem } from "./worklist";

const COLUMNS: readonly { header: string; value: (item: WorklistItem, rank: number) => CsvValue }[] = [
  { header: "Rank", value: (_, rank) => rank },
  { header: "Account ID", value: (i) => i.account.id },
  { header: "Account", value: (i) => i.account.name },
  { header: "Domain", value: (i) => i.account.domain },
  { header: "Tier", value: (i) => i.account.tier?.name ?? UNTIERED.label },
  { header: "Score", value: (i) => Math.round(i.account.score * 10) / 10 },
  { header: "Lifetime value", value: (i) => i.account.lifetimeValue },
  { header: "Play", value: (i) => i.play.name },
  { header: "Kind", value: (i) => PLAY_KIND_LABELS[i.play.kind] },
  { header: "Play priority", value: (i) => i.play.priority },
  { header: "Channel", value: (i) => i.channel.label },
  { header: "Channel evidence", value: (i) => i.channel.evidence },
  { header: "Pitch", value: (i) => i.pitch },
];

export function worklistFileName(repName: string, now = new Date()): string {
  const slug = repName.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "rep";
  return `tierwise-today-${slug}-${now.toISOString().slice(0, 10)}.csv`;
}

/** The CSV text and its file name; null when no rep is chosen (a manager or admin without ?rep). */
export async function worklistCsv(actor: Actor, query: TodayQuery): Promise<{ csv: string; fileName: string } | null> {
  const worklist = await getWorklist(actor, query);
  const rep = worklist.viewer.rep;
  if (!rep) return null;
  const rows = worklist.items.map((item, i) => csvRow(COLUMNS.map((c) => c.value(item, i + 1))));
  await recordAudit({
    actor: { id: actor.id, email: actor.email ?? actor.id },
    action: "EXPORT",
    target: "today worklist",
    details: { format: "csv", repId: rep.id, filter: serializeTodayQuery({ ...query, rep: null }) || "(no filters)", rows: rows.length },
  });
  return { csv: CSV_BOM + csvRow(COLUMNS.map((c) => c.header)) + rows.join(""), fileName: worklistFileName(rep.name) };
}
