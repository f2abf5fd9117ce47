import Link from "next/link";
import { MATRIX_DIMENSION_LABELS, MATRIX_DIMENSIONS, type MatrixDimension } from "@/lib/data/matrix";
import { cn } from "@/lib/utils/cn";

/** The matrix's column switch: plain links, so the choice lives in the URL (`?by=`). */
export function DimensionTabs({ current }: { current: MatrixDimension }) {
  return (
    // Two by two on a phone, where four tabs do not fit one line.
    <nav aria-label="Matrix columns" className="grid w-full grid-cols-2 gap-1 rounded-lg bg-slate-100 p-1 sm:inline-flex sm:w-auto sm:gap-0">
      {MATRIX_DIMENSIONS.map((dimension) => {
        const active = dimension === current;
        return (
          <Link
            key={dimension}
            href={dimension === "segment" ? "/matrix" : `/matrix?by=${dimension}`}
            aria-current={active ? "page" : undefined}
            className={cn(
              "rounded-md px-3 py-1.5 text-center text-sm font-medium transition focus-visible:outline-2 focus-visible:outline-brand-600 sm:whitespace-nowrap",
              active ? "bg-white text-slate-900 shadow-sm ring-1 ring-slate-200" : "text-slate-600 hover:text-slate-900",
            )}
          >
            {MATRIX_DIMENSION_LABELS[dimension]}
          </Link>
        );
      })}
    </nav>
  );
}
