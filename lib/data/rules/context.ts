import "server-only";
import { cache } from "react";
import { db } from "@/lib/db/client";
import type { RuleContext } from "@/lib/segmentation/schema";
import type { NameLookups } from "@/lib/segmentation/format";

/** Ids a rule may refer to (technologies, owners), for validation. */
export async function loadRuleContext(): Promise<RuleContext> {
  const [technologies, users] = await Promise.all([
    db.technology.findMany({ select: { id: true } }),
    db.user.findMany({ select: { id: true } }),
  ]);
  return { technologyIds: new Set(technologies.map((t) => t.id)), userIds: new Set(users.map((u) => u.id)) };
}

/**
 * Names for ids in rules, for plain-language text and traces. Read once per request: the account
 * page's explanations and recommended plays both need them (outside a render, e.g. in a job or a
 * test, React's cache() calls through).
 */
export const loadNameLookups = cache(async (): Promise<NameLookups> => {
  const [technologies, users] = await Promise.all([
    db.technology.findMany({ select: { id: true, name: true } }),
    db.user.findMany({ select: { id: true, name: true } }),
  ]);
  const techNames = new Map(technologies.map((t) => [t.id, t.name]));
  const userNames = new Map(users.map((u) => [u.id, u.name]));
  return { technologyName: (id) => techNames.get(id), userName: (id) => userNames.get(id) };
});
