import type { AccountDetail } from "@/lib/data/account-detail";
import { enumLabel } from "@/lib/domain/enums";
import { formatMoney, formatNumber } from "@/lib/utils/format";
import { DetailList, SectionCard } from "./section-card";

export function FirmographicsCard({ account }: { account: AccountDetail }) {
  const { firmographics: f, owner } = account;
  return (
    <SectionCard title="Firmographics" testId="firmographics">
      <DetailList
        items={[
          { label: "Industry", value: f.industry },
          { label: "Country", value: f.country },
          { label: "Region", value: enumLabel("region", f.region) },
          { label: "Employees", value: <span className="tabular">{formatNumber(f.employeeCount)}</span> },
          { label: "Annual revenue", value: <span className="tabular">{formatMoney(f.annualRevenue)}</span> },
          {
            label: "Owner",
            value: owner ? (
              <span className="block">
                {owner.name}
                <a
                  href={`mailto:${owner.email}`}
                  className="block truncate text-xs font-normal text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
                >
                  {owner.email}
                </a>
              </span>
            ) : (
              <span className="font-normal italic text-slate-600">Unassigned</span>
            ),
          },
        ]}
      />
    </SectionCard>
  );
}
