import { Building2, ExternalLink, MapPin, UserRound } from "lucide-react";
import { TierBadge } from "@/components/accounts/tier-badge";
import { BackLink } from "@/components/ui/back-link";
import type { AccountDetail } from "@/lib/data/account-detail";
import { enumLabel } from "@/lib/domain/enums";
import { ScoreDial } from "./score-dial";

export function AccountHeader({ account }: { account: AccountDetail }) {
  const { firmographics: f, owner, tier, score } = account;
  return (
    <header className="space-y-3">
      <BackLink href="/accounts">Accounts</BackLink>
      <div className="flex flex-col gap-4 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:flex-row sm:items-center sm:justify-between">
        <div className="min-w-0 space-y-2">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5">
            <h1 className="text-2xl font-semibold tracking-tight text-slate-900" data-testid="account-name">
              {f.name}
            </h1>
            <TierBadge tier={tier} />
          </div>
          <a
            href={`https://${f.domain}`}
            target="_blank"
            rel="noopener noreferrer"
            className="inline-flex items-center gap-1 rounded text-sm text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
          >
            {f.domain}
            <ExternalLink className="h-3.5 w-3.5" aria-hidden />
            <span className="sr-only">(opens in a new tab)</span>
          </a>
          <ul className="flex flex-wrap gap-x-5 gap-y-1 text-sm text-slate-600">
            <li className="inline-flex items-center gap-1.5">
              <UserRound className="h-4 w-4 text-slate-400" aria-hidden />
              <span className="sr-only">Owner:</span>
              {owner ? owner.name : <span className="italic">Unassigned</span>}
            </li>
            <li className="inline-flex items-center gap-1.5">
              <Building2 className="h-4 w-4 text-slate-400" aria-hidden />
              <span className="sr-only">Industry:</span>
              {f.industry}
            </li>
            <li className="inline-flex items-center gap-1.5">
              <MapPin className="h-4 w-4 text-slate-400" aria-hidden />
              <span className="sr-only">Location:</span>
              {f.country} · {enumLabel("region", f.region)}
            </li>
          </ul>
        </div>
        <ScoreDial score={score.priority} />
      </div>
    </header>
  );
}
