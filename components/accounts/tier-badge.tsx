import { UNTIERED } from "@/lib/domain/tiers";

export function TierBadge({ tier }: { tier: { name: string; color: string } | null }) {
  if (!tier) {
    return <span className="inline-flex rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600">{UNTIERED.label}</span>;
  }
  return (
    <span
      className="inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium text-slate-800 ring-1 ring-inset"
      style={{ backgroundColor: `${tier.color}1f`, boxShadow: `inset 0 0 0 1px ${tier.color}66` }}
    >
      <span aria-hidden="true" className="h-2 w-2 rounded-full" style={{ backgroundColor: tier.color }} />
      {tier.name}
    </span>
  );
}
