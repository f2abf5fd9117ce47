import { cn } from "@/lib/utils/cn";

/**
 * Loading placeholders: grey shapes where the page's content will be, so the layout does not
 * jump when it arrives. The wrapper is one status region, announced once by its label.
 */
export function LoadingRegion({ label, className, children }: { label: string; className?: string; children: React.ReactNode }) {
  return (
    <div className={cn("space-y-4", className)} role="status" aria-label={label}>
      {children}
    </div>
  );
}

/** A pulsing bar: a heading, a line of text, a control (darker on the page, lighter inside a card). */
export function Skeleton({ className, onCard = false }: { className?: string; onCard?: boolean }) {
  return <div className={cn("animate-pulse rounded", onCard ? "bg-slate-100" : "bg-slate-200", className)} />;
}

/** An empty card, as tall as the card it stands for. */
export function SkeletonCard({ className, children }: { className?: string; children?: React.ReactNode }) {
  return <div className={cn("rounded-xl bg-white ring-1 ring-slate-200", children ? "space-y-3 p-5" : "animate-pulse", className)}>{children}</div>;
}

/** A card of placeholder rows: a table or a list. */
export function SkeletonRows({ count, rowClassName = "h-8", className }: { count: number; rowClassName?: string; className?: string }) {
  return (
    <div className={cn("space-y-2 rounded-xl bg-white p-4 ring-1 ring-slate-200", className)}>
      {Array.from({ length: count }, (_, i) => (
        <Skeleton key={i} onCard className={rowClassName} />
      ))}
    </div>
  );
}
