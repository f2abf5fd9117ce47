import { PackageSearch } from "lucide-react";
import { Suspense } from "react";
import { EmptyState, SectionCard } from "@/components/accounts/detail/section-card";
import { LoadingRegion, SkeletonCard } from "@/components/ui/skeleton";
import { requireUser } from "@/lib/auth/session";
import { getAccountWhitespace } from "@/lib/data/whitespace";
import { UNTIERED } from "@/lib/domain/tiers";
import { plural } from "@/lib/utils/format";

/** The account's whitespace, streamed in after the rest of the page. */
export function WhitespaceSlot({ accountId }: { accountId: number }) {
  return (
    <Suspense
      fallback={
        <LoadingRegion label="Loading whitespace">
          <SkeletonCard className="h-40" />
        </LoadingRegion>
      }
    >
      <WhitespaceCard accountId={accountId} />
    </Suspense>
  );
}

async function WhitespaceCard({ accountId }: { accountId: number }) {
  const user = await requireUser();
  const result = await getAccountWhitespace(user, accountId);
  if (!result) return null;
  const { peerGaps, profileGaps, peerNote, peers } = result;
  const group = `${peers.tierName ?? UNTIERED.label} ${peers.industry}`;
  return (
    <SectionCard title="Whitespace" description={`Compared with ${plural(peers.accounts, `${group} account`)}`} testId="whitespace">
      {peerGaps.length === 0 && profileGaps.length === 0 ? (
        <EmptyState icon={PackageSearch} title="No whitespace found">
          {noGapsText(peerNote, result.profileHasCategories)}
        </EmptyState>
      ) : (
        <div className="space-y-4">
          {peerGaps.length > 0 && (
            <Gaps title="What most peers run" items={peerGaps.map((gap) => ({ key: gap.category, label: gap.label, sentence: gap.sentence, share: gap.share }))} />
          )}
          {peerNote && <p className="text-xs text-slate-600">{peerNote}.</p>}
          {profileGaps.length > 0 && (
            <Gaps title="What the ideal customer profile names" items={profileGaps.map((gap) => ({ key: gap.category, label: gap.label, sentence: gap.sentence, share: null }))} />
          )}
        </div>
      )}
    </SectionCard>
  );
}

function noGapsText(peerNote: string | null, profileHasCategories: boolean): string {
  if (peerNote) return `${peerNote}.${profileHasCategories ? " It runs every technology category the ideal customer profile names." : ""}`;
  return `It runs every technology category most of its peers run${profileHasCategories ? " and every one the ideal customer profile names" : ""}.`;
}

function Gaps({ title, items }: { title: string; items: { key: string; label: string; sentence: string; share: number | null }[] }) {
  return (
    <section className="space-y-2">
      <h3 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">{title}</h3>
      <ul className="space-y-2">
        {items.map((item) => (
          <li key={item.key} className="text-sm" data-testid="whitespace-gap">
            <p className="font-medium text-slate-900">{item.label}</p>
            <p className="text-xs text-slate-600">{item.sentence}.</p>
            {item.share !== null && (
              <span className="mt-1 block h-1.5 overflow-hidden rounded-full bg-slate-100" aria-hidden="true">
                <span className="block h-full rounded-full bg-amber-500" style={{ width: `${Math.round(item.share * 100)}%` }} />
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

