import type { AccountDetail } from "@/lib/data/account-detail";
import { ENUM_LABELS, enumLabel, enumValues } from "@/lib/domain/enums";
import { humanize } from "@/lib/utils/format";
import { cn } from "@/lib/utils/cn";
import { DetailList, SectionCard } from "./section-card";

/** Behaviour and technographic attributes: the criteria rules segment on. */
export function ProfileCard({ account }: { account: AccountDetail }) {
  const { behaviour: b, technographics: t } = account;
  return (
    <SectionCard title="Profile" description="Behaviour and technology preferences" testId="profile">
      <div className="space-y-4">
        <JourneyStepper stage={b.journeyStage} />
        <DetailList
          items={[
            { label: "Usage rate", value: enumLabel("usageRate", b.usageRate) },
            { label: "Hosting", value: enumLabel("hostingPreference", t.hostingPreference) },
            { label: "Devices", value: enumLabel("devicePreference", t.devicePreference) },
            { label: "Tech adoption", value: enumLabel("techAdoption", t.techAdoption) },
          ]}
        />
        <div>
          <h3 className="text-sm text-slate-600">Benefits sought</h3>
          {b.benefitsSought.length === 0 ? (
            <p className="mt-1 text-sm text-slate-500">None recorded</p>
          ) : (
            <ul className="mt-1.5 flex flex-wrap gap-1.5">
              {b.benefitsSought.map((benefit) => (
                <li key={benefit} className="rounded-full bg-brand-50 px-2.5 py-0.5 text-xs font-medium text-brand-700 ring-1 ring-inset ring-brand-100">
                  {humanize(benefit)}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </SectionCard>
  );
}

function JourneyStepper({ stage }: { stage: keyof typeof ENUM_LABELS.journeyStage }) {
  const stages = enumValues("journeyStage");
  const current = stages.indexOf(stage);
  return (
    <div>
      <h3 className="text-sm text-slate-600">
        Journey stage: <span className="font-medium text-slate-900">{enumLabel("journeyStage", stage)}</span>
      </h3>
      <ol className="mt-2 grid grid-cols-5 gap-1" aria-label="Customer journey">
        {stages.map((s, i) => (
          <li key={s} aria-current={i === current ? "step" : undefined} title={enumLabel("journeyStage", s)}>
            <span
              className={cn("block h-1.5 rounded-full", i < current ? "bg-brand-500/40" : i === current ? "bg-brand-600" : "bg-slate-200")}
              aria-hidden="true"
            />
            <span className="sr-only">{enumLabel("journeyStage", s)}</span>
          </li>
        ))}
      </ol>
      <div className="mt-1 flex justify-between text-[11px] text-slate-500" aria-hidden="true">
        <span>{enumLabel("journeyStage", stages[0])}</span>
        <span>{enumLabel("journeyStage", stages.at(-1))}</span>
      </div>
    </div>
  );
}
