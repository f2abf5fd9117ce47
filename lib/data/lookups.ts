import "server-only";
import { db } from "@/lib/db/client";
import { canSeeAllAccounts, type Actor } from "@/lib/auth/access";
import { UNTIERED } from "@/lib/domain/tiers";

export interface Option {
  value: string;
  label: string;
  group?: string;
}

/** Owners a user may filter by: everyone with accounts for managers/admins, nobody for reps. */
export async function ownerOptions(actor: Actor): Promise<Option[]> {
  if (!canSeeAllAccounts(actor)) return [];
  const users = await db.user.findMany({ where: { role: "REP" }, orderBy: { name: "asc" }, select: { id: true, name: true } });
  return [...users.map((u) => ({ value: u.id, label: u.name })), { value: "unassigned", label: "Unassigned" }];
}

export async function technologyOptions(): Promise<Option[]> {
  const techs = await db.technology.findMany({ orderBy: [{ category: "asc" }, { name: "asc" }] });
  return techs.map((t) => ({ value: String(t.id), label: t.name, group: t.category }));
}

export async function tierOptions(): Promise<Option[]> {
  const tiers = await db.tier.findMany({ where: { archived: false }, orderBy: { position: "asc" } });
  return [...tiers.map((t) => ({ value: t.key, label: t.name })), { value: UNTIERED.key, label: UNTIERED.label }];
}

export async function segmentOptions(): Promise<Option[]> {
  const segments = await db.segment.findMany({
    where: { archived: false, publishedVersion: { not: null } },
    select: { id: true, name: true },
  });
  return segments
    .map((s) => ({ value: String(s.id), label: s.name }))
    .sort((a, b) => a.label.localeCompare(b.label, "en", { sensitivity: "base" }));
}
