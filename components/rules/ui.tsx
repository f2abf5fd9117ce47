import { X } from "lucide-react";
import { cn } from "@/lib/utils/cn";

/** A small square button with an icon; its purpose is in aria-label (and the tooltip). */
export function IconButton({
  label,
  className,
  children,
  tone = "default",
  ...props
}: Omit<React.ButtonHTMLAttributes<HTMLButtonElement>, "aria-label"> & { label: string; tone?: "default" | "danger" } & { "data-focus"?: string }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      className={cn(
        "inline-flex h-7 w-7 items-center justify-center rounded-md text-slate-500 transition",
        "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand-600 disabled:pointer-events-none disabled:opacity-30",
        tone === "danger" ? "hover:bg-red-50 hover:text-red-700" : "hover:bg-slate-100 hover:text-slate-900",
        className,
      )}
      {...props}
    >
      {children}
    </button>
  );
}

type BadgeTone = "neutral" | "brand" | "amber" | "green" | "red";

const BADGE_TONES: Record<BadgeTone, string> = {
  neutral: "bg-slate-100 text-slate-700 ring-slate-200",
  brand: "bg-brand-50 text-brand-700 ring-brand-100",
  amber: "bg-amber-50 text-amber-800 ring-amber-200",
  green: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  red: "bg-red-50 text-red-800 ring-red-200",
};

export function Badge({ tone = "neutral", className, children }: { tone?: BadgeTone; className?: string; children: React.ReactNode }) {
  return (
    <span className={cn("inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", BADGE_TONES[tone], className)}>
      {children}
    </span>
  );
}

/** A coloured dot for a tier or segment. */
export function ColorDot({ color, className }: { color: string; className?: string }) {
  return <span aria-hidden="true" className={cn("inline-block h-2.5 w-2.5 shrink-0 rounded-full ring-1 ring-inset ring-black/10", className)} style={{ backgroundColor: color }} />;
}

/** A chosen value as a chip with its own remove button ("Remove EMEA"). */
export function Chip({ text, onRemove }: { text: string; onRemove: () => void }) {
  return (
    <span className="inline-flex max-w-full items-center gap-0.5 rounded bg-brand-50 py-0.5 pl-2 pr-0.5 text-xs font-medium text-brand-900 ring-1 ring-inset ring-brand-100">
      <span className="truncate">{text}</span>
      <button
        type="button"
        onClick={onRemove}
        aria-label={`Remove ${text}`}
        className="rounded p-0.5 text-brand-700 hover:bg-brand-100 focus-visible:outline-2 focus-visible:outline-brand-600"
      >
        <X className="h-3 w-3" aria-hidden />
      </button>
    </span>
  );
}
