import type { Distribution } from "@/lib/backtest/suggest";

/** A small histogram of plain bars (no chart library needed at this size); the numbers are in its label. */
export function Histogram({ bins, format }: { bins: Distribution["histogram"]; format: (value: number) => string }) {
  const top = Math.max(1, ...bins.map((b) => b.count));
  const label = bins.map((b) => `${format(b.from)}–${format(b.to)}: ${b.count}`).join("; ");
  return (
    <div role="img" aria-label={`Distribution: ${label}`} className="flex h-16 items-end gap-0.5" data-testid="threshold-histogram">
      {bins.map((b, i) => (
        <div key={i} title={`${format(b.from)} – ${format(b.to)}: ${b.count}`} className="flex-1 rounded-t-sm bg-brand-500" style={{ height: `${Math.max(2, (b.count / top) * 100)}%` }} />
      ))}
    </div>
  );
}
