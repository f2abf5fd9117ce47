import { cn } from "@/lib/utils/cn";

/** Inputs and selects of a filter bar (smaller than a form's inputClass). */
export const filterControlClass =
  "block rounded-md bg-white px-3 py-1.5 text-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-brand-600 aria-[invalid=true]:ring-red-500";

/** A filter control with its small label above it. */
export function FilterField({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-slate-600">
        {label}
      </label>
      {children}
    </div>
  );
}

/** A search box of a filter bar; label it with FilterField or a (visually hidden) label of its own. */
export function SearchBox({ id, value, onChange, placeholder, className }: {
  id: string;
  value: string;
  onChange: (text: string) => void;
  placeholder: string;
  className?: string;
}) {
  return (
    <input
      id={id}
      type="search"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      placeholder={placeholder}
      className={cn(filterControlClass, className)}
    />
  );
}

/** "Clear filters": shown only while some filter is set. */
export function ClearFiltersButton({ onClick, children }: { onClick: () => void; children: React.ReactNode }) {
  return (
    <button type="button" onClick={onClick} className="rounded-md px-2 py-1.5 text-sm font-medium text-brand-700 hover:bg-brand-50">
      {children}
    </button>
  );
}

/** Announces that the list is being fetched again after a filter change. */
export function PendingStatus({ pending, className }: { pending: boolean; className?: string }) {
  if (!pending) return null;
  return (
    <span role="status" className={cn("text-sm text-slate-500", className)}>
      Updating…
    </span>
  );
}
