import { Cpu } from "lucide-react";
import type { AccountDetail } from "@/lib/data/account-detail";
import { enumLabel } from "@/lib/domain/enums";
import { formatDate, plural } from "@/lib/utils/format";
import { EmptyState, SectionCard } from "./section-card";
import { TechnologyGroups } from "./technology-groups";

export function TechnologySection({ account }: { account: AccountDetail }) {
  const groups = account.technologies;
  const count = groups.reduce((sum, g) => sum + g.technologies.length, 0);
  return (
    <SectionCard
      title="Technology stack"
      description={count > 0 ? `${plural(count, "technology")} in ${plural(groups.length, "category")}` : undefined}
      testId="technologies"
    >
      {count === 0 ? (
        <EmptyState icon={Cpu} title="No technologies detected">
          Detected software and platforms will be listed here by category.
        </EmptyState>
      ) : (
        <TechnologyGroups
          groups={groups.map((group) => ({
            category: group.category,
            label: enumLabel("techCategory", group.category),
            technologies: group.technologies.map((tech) => ({
              id: tech.id,
              name: tech.name,
              vendor: tech.vendor,
              confidence: tech.confidence,
              firstDetected: formatDate(tech.firstDetectedAt),
              lastDetected: formatDate(tech.lastDetectedAt),
            })),
          }))}
        />
      )}
    </SectionCard>
  );
}
