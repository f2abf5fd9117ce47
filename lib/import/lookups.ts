import { db } from "@/lib/db/client";
import type { OwnerLookup, TechnologyLookup } from "./rows";

/** The small lookups every row is checked against: active users (owners) and the technology catalogue. */
export async function loadLookups(): Promise<{ owners: OwnerLookup; technologies: TechnologyLookup }> {
  const [users, technologies] = await Promise.all([
    db.user.findMany({ where: { active: true }, select: { id: true, email: true, name: true } }),
    db.technology.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  const byName = new Map<string, string[]>();
  for (const user of users) {
    const key = user.name.trim().toLowerCase().replace(/\s+/g, " ");
    byName.set(key, [...(byName.get(key) ?? []), user.id]);
  }
  return {
    owners: { byEmail: new Map(users.map((u) => [u.email.toLowerCase(), u.id])), byName },
    technologies: {
      byName: new Map(technologies.map((t) => [t.name.toLowerCase().replace(/\s+/g, " "), t.id])),
      names: technologies.map((t) => t.name),
    },
  };
}
