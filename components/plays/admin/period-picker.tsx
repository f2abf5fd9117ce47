import Form from "next/form";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { FilterField, filterControlClass } from "@/components/ui/filter-bar";
import { cn } from "@/lib/utils/cn";
import { DEFAULT_PERIOD_DAYS, PERIOD_PRESETS, serializePlaysPeriodQuery, type ResolvedPeriod } from "@/lib/validation/plays-period";

const PATH = "/admin/plays";

/**
 * The period the page reports on, in the URL: preset links (last 7, 30, 90 days) and a from/to
 * form that submits as a GET, so every view has an address and works without JavaScript.
 */
export function PeriodPicker({ resolved }: { resolved: ResolvedPeriod }) {
  const { period, errors, typed } = resolved;
  const hasError = !!(errors.from || errors.to);
  // With an error the fields show what was typed, next to the message; otherwise the period shown.
  const shown = hasError ? typed : { from: period.from, to: period.to };
  return (
    <div className="flex flex-wrap items-end gap-x-4 gap-y-3">
      <nav aria-label="Period" className="inline-flex rounded-lg bg-slate-100 p-1">
        {PERIOD_PRESETS.map((days) => {
          const active = period.preset === days && !hasError;
          return (
            <Link
              key={days}
              href={`${PATH}${serializePlaysPeriodQuery({ days: days === DEFAULT_PERIOD_DAYS ? null : days })}`}
              aria-current={active ? "page" : undefined}
              className={cn(
                "rounded-md px-3 py-1.5 text-sm font-medium whitespace-nowrap transition focus-visible:outline-2 focus-visible:outline-brand-600",
                active ? "bg-white text-slate-900 shadow-sm ring-1 ring-slate-200" : "text-slate-600 hover:text-slate-900",
              )}
            >
              Last {days} days
            </Link>
          );
        })}
      </nav>
      <Form action={PATH} className="flex flex-wrap items-end gap-2" aria-label="Custom period">
        <DateField name="from" label="From" value={shown.from} invalid={!!errors.from} />
        <DateField name="to" label="To" value={shown.to} invalid={!!errors.to} />
        <button type="submit" className={buttonClass("secondary", "py-1.5")}>
          Show
        </button>
        {/* Under the row, like the audit log's range error, so the fields stay lined up. */}
        {(["from", "to"] as const).map(
          (name) =>
            errors[name] && (
              <p key={name} id={`period-${name}-error`} className="w-full text-sm text-red-700">
                {errors[name]}
              </p>
            ),
        )}
      </Form>
    </div>
  );
}

function DateField({ name, label, value, invalid }: { name: "from" | "to"; label: string; value: string; invalid: boolean }) {
  const id = `period-${name}`;
  return (
    <FilterField id={id} label={label}>
      <input
        key={value}
        id={id}
        name={name}
        type="date"
        defaultValue={value}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}-error` : undefined}
        className={filterControlClass}
      />
    </FilterField>
  );
}
