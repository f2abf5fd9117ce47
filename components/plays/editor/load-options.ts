import "server-only";
import type { Actor } from "@/lib/auth/access";
import { ownerOptions, segmentOptions, technologyOptions } from "@/lib/data/lookups";
import { loadAudienceNames } from "@/lib/data/plays/context";
import type { PlayEditorOptions } from "./play-form-cards";

/**
 * What the play editor offers: the published tier scheme's tiers in order, published segments,
 * and the rule builder's technologies and owners. The pages call it next to the play itself.
 */
export async function loadPlayEditorOptions(actor: Actor): Promise<PlayEditorOptions> {
  const [names, segments, technologies, owners] = await Promise.all([loadAudienceNames(), segmentOptions(), technologyOptions(), ownerOptions(actor)]);
  const tiers = [...names.tiers.entries()].sort(([, a], [, b]) => a.position - b.position).map(([key, t]) => ({ key, name: t.name, color: t.color }));
  return { tiers, segments, catalog: { technologies, owners: owners.filter((o) => o.value !== "unassigned") } };
}
