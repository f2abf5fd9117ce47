import { cn } from "@/lib/utils/cn";

/**
 * One data table for the app: column definitions in, the same header band, row dividers, cell
 * padding and empty/loading row everywhere. Server and client components can both use it (no hooks).
 */
export interface Column<T> {
  key: string;
  /** Header text; wrap it in `<span className="sr-only">` for a column without a visible title. */
  header: React.ReactNode;
  cell: (row: T, index: number) => React.ReactNode;
  align?: "left" | "right";
  /** The cell names its row (`<th scope="row">`), for screen readers moving along a row. */
  rowHeader?: boolean;
  /** Classes for this column's body cells (width, wrapping, colour). */
  className?: string;
  headerClassName?: string;
  /** Extra header attributes, e.g. `aria-sort` on a sortable column. */
  headerProps?: React.ThHTMLAttributes<HTMLTableCellElement>;
}

/**
 * - `card`: a table standing on the page, in its own rounded frame.
 * - `inset`: a table filling a card's body: no frame, outer columns lined up with the card's padding.
 * - `bare`: a small table in running content: no frame, no header band, no outer padding.
 */
type Frame = "card" | "inset" | "bare";

const FRAME: Record<Frame, { wrapper: string; head: string; edges: string }> = {
  card: {
    wrapper: "overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200",
    head: "bg-slate-50 uppercase tracking-wide",
    edges: "",
  },
  inset: {
    wrapper: "overflow-x-auto",
    head: "bg-slate-50 uppercase tracking-wide",
    edges: "[&_:is(th,td):first-child]:pl-5 [&_:is(th,td):last-child]:pr-5",
  },
  bare: {
    wrapper: "",
    head: "",
    edges: "[&_:is(th,td):first-child]:pl-0 [&_:is(th,td):last-child]:pr-0",
  },
};

const DENSITY = { normal: "px-3 py-2.5", compact: "px-3 py-2", tight: "px-3 py-1.5" } as const;
/**
 * The same padding for a body row's cells, set once on the row (`*:` = its cells) instead of on
 * every cell: a 50-row table then ships one class list per row, not fifteen.
 */
const ROW_DENSITY = { normal: "*:px-3 *:py-2.5", compact: "*:px-3 *:py-2", tight: "*:px-3 *:py-1.5" } as const;

export function DataTable<T>({
  columns,
  rows,
  rowKey,
  rowClassName,
  caption,
  testId,
  frame = "card",
  density = "normal",
  valign = "middle",
  region,
  className,
  placeholder,
  footer,
}: {
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T, index: number) => string | number;
  /** Extra classes per row (a highlighted or inactive row). */
  rowClassName?: (row: T) => string | false | undefined;
  /** Read by screen readers only: what the table lists and in which order. */
  caption?: string;
  testId?: string;
  frame?: Frame;
  density?: keyof typeof DENSITY;
  /** `top` for rows whose cells wrap or expand. */
  valign?: "top" | "middle";
  /** A scrolling table: its frame becomes a focusable, labelled region with a sticky header. */
  region?: string;
  /** Classes for the wrapper (margins, a maximum height). */
  className?: string;
  /** One full-width row shown when there are no rows (e.g. "Loading…"). */
  placeholder?: React.ReactNode;
  /** `<tfoot>` rows. */
  footer?: React.ReactNode;
}) {
  const look = FRAME[frame];
  const pad = DENSITY[density];
  const align = (column: Column<T>) => (column.align === "right" ? "text-right" : "text-left");
  return (
    <div className={cn(look.wrapper, className)} {...(region ? { tabIndex: 0, role: "region", "aria-label": region } : {})}>
      <table className={cn("min-w-full text-sm", frame !== "bare" && "divide-y divide-slate-200", look.edges)} data-testid={testId}>
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead className={cn(look.head, region && "sticky top-0")}>
          <tr className="text-xs font-semibold text-slate-600">
            {columns.map((column) => (
              <th key={column.key} scope="col" {...column.headerProps} className={cn(pad, align(column), column.headerClassName)}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row, index) => (
            <tr
              key={rowKey(row, index)}
              className={cn(ROW_DENSITY[density], "text-slate-700", valign === "top" ? "align-top" : "align-middle", frame !== "bare" && "hover:bg-slate-50", rowClassName?.(row))}
            >
              {columns.map((column) => {
                const Cell = column.rowHeader ? "th" : "td";
                // Cells inherit the row's colour and left alignment; only what differs is on the cell.
                const classes = cn(column.rowHeader ? "text-left font-normal" : column.align === "right" && "text-right", column.className);
                // Only attributes that are set: a server-rendered table ships every prop of every cell.
                const attributes = { ...(column.rowHeader && { scope: "row" }), ...(classes && { className: classes }) };
                return (
                  <Cell key={column.key} {...attributes}>
                    {column.cell(row, index)}
                  </Cell>
                );
              })}
            </tr>
          ))}
          {rows.length === 0 && placeholder && (
            <tr>
              <td colSpan={columns.length} className="px-3 py-6 text-center text-slate-500">
                {placeholder}
              </td>
            </tr>
          )}
        </tbody>
        {footer && <tfoot>{footer}</tfoot>}
      </table>
    </div>
  );
}

/** The last column of buttons or links: no visible title (screen readers hear "Actions"), right-aligned. */
export function actionsColumn<T>(cell: Column<T>["cell"], className?: string): Column<T> {
  return { key: "actions", header: <span className="sr-only">Actions</span>, align: "right", className: cn("whitespace-nowrap", className), cell };
}
