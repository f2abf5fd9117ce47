import { notFound } from "next/navigation";
import { TierSchemeEditor } from "@/components/rules/tier-scheme-editor";
import { isAdmin, restrictedMetadata } from "@/lib/auth/restricted-metadata";
import { requireUser } from "@/lib/auth/session";
import { UNTIERED } from "@/lib/domain/tiers";
import { ownerOptions, technologyOptions, tierOptions } from "@/lib/data/lookups";
import { getTierSchemeEditor } from "@/lib/data/rules/tier-scheme";

export const generateMetadata = restrictedMetadata("Tier scheme · Rules", isAdmin);

export default async function TierSchemePage() {
  const user = await requireUser();
  if (user.role !== "ADMIN") notFound();
  const [editor, technologies, owners, published] = await Promise.all([
    getTierSchemeEditor(user),
    technologyOptions(),
    ownerOptions(user),
    tierOptions(),
  ]);
  return (
    <TierSchemeEditor
      // A publish or restore replaces the draft: start again from what the server has.
      key={editor.publishedVersion ?? 0}
      editor={editor}
      currentTiers={published.filter((t) => t.value !== UNTIERED.key).map((t) => ({ key: t.value, name: t.label }))}
      catalog={{ technologies, owners: owners.filter((o) => o.value !== "unassigned") }}
    />
  );
}
