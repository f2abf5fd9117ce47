import { notFound } from "next/navigation";
import { ScoringForm } from "@/components/rules/scoring-form";
import { toPercentWeights } from "@/components/rules/scoring-weights";
import { isAdmin, restrictedMetadata } from "@/lib/auth/restricted-metadata";
import { requireUser } from "@/lib/auth/session";
import { ownerOptions, technologyOptions } from "@/lib/data/lookups";
import { getScoringSettings } from "@/lib/data/rules/scoring";

export const generateMetadata = restrictedMetadata("Priority score · Rules", isAdmin);

export default async function ScoringPage() {
  const user = await requireUser();
  if (user.role !== "ADMIN") notFound();
  const [settings, technologies, owners] = await Promise.all([getScoringSettings(user), technologyOptions(), ownerOptions(user)]);
  return (
    <ScoringForm
      weights={toPercentWeights(settings.weights)}
      idealProfile={settings.idealProfile}
      catalog={{ technologies, owners: owners.filter((o) => o.value !== "unassigned") }}
    />
  );
}
