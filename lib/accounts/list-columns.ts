/**
 * The accounts list's columns and filters, defined once. The URL parsers
 * (lib/validation/account-query.ts), the SQL (lib/data/account-filters.ts, lib/data/accounts.ts),
 * the filter bar, the table and the CSV export (lib/data/export.ts) all read this table, and its
 * order is theirs. A column that shows a rule field takes its label, type, enum options,
 * nullability and database column from the field registry; only what differs is said here.
 * Client-safe: the filter bar is a client component.
 */
import type { ENUM_LABELS } from "@/lib/domain/enums";
import type { FieldType } from "@/lib/segmentation/field-types";
import { getField, staticOptions, type FieldKey } from "@/lib/segmentation/fields";
import { TECH_CATEGORY_OPTIONS, type EnumOption } from "@/lib/segmentation/options";

/** What a filter holds in the URL, and where its choices come from. */
export interface FilterSpec {
  /**
   * options: values of the field's options (or of `options` here), fixed;
   * keys: text keys whose choices the page loads from the database (tiers, owners);
   * ids: integer ids whose choices the page loads from the database (segments, technologies).
   */
  readonly values: "options" | "keys" | "ids";
  readonly options?: readonly EnumOption[];
  /** Filter bar: a search box in the dropdown. */
  readonly searchable?: boolean;
  /** Filter bar: the dropdown is hidden with fewer choices than this (default 1 for database choices). */
  readonly minChoices?: number;
  /** Filter bar: choices are grouped by this enum (their `group`), labelled with its labels. */
  readonly groupedBy?: keyof typeof ENUM_LABELS;
  /**
   * Filter bar: what the filter keeps, said under the bar while it is in use, for filters whose
   * meaning (or whose meaning with several choices) the label alone does not tell.
   */
  readonly explain?: (chosen: readonly string[]) => string;
}

interface ColumnSpec {
  /** The URL's name for it: the `sort` value and the filter's parameter. */
  readonly key: string;
  /** The rule field it shows (lib/segmentation/fields.ts). */
  readonly field?: FieldKey;
  /** Filter bar label and CSV header; the field's label by default. */
  readonly label?: string;
  /** Table heading, where shorter than the label. */
  readonly heading?: string;
  /** For columns without a field. */
  readonly type?: FieldType;
  /** Sortable: ORDER BY the field's column (true) or this expression (`a` account, `r` segmentation). */
  readonly sort?: true | string;
  readonly filter?: FilterSpec;
  /** A column of the CSV export. */
  readonly csv?: true;
  /** A column of the table: for everyone, or only for users who see every account. */
  readonly table?: "always" | "seesAll";
}

const OPTIONS = { values: "options" } as const;

/** "CRM", "CRM or ERP", "CRM, ERP or Analytics". */
function listOf(items: readonly string[], conjunction: "and" | "or"): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} ${conjunction} ${items.at(-1)}`;
}

const COLUMNS = [
  { key: "id", label: "Account ID", type: "number", csv: true },
  { key: "name", field: "name", heading: "Account", sort: true, csv: true, table: "always" },
  { key: "domain", field: "domain", csv: true },
  { key: "tier", label: "Tier", type: "enum", sort: "r.tier_rank", filter: { values: "keys", minChoices: 2 }, csv: true, table: "always" },
  { key: "segment", label: "Segment", type: "enum", filter: { values: "ids", searchable: true } },
  { key: "score", label: "Priority score", heading: "Score", type: "number", sort: "r.priority_score", csv: true, table: "always" },
  { key: "owner", field: "owner", sort: "owner_name", filter: { values: "keys" }, csv: true, table: "seesAll" },
  { key: "industry", field: "industry", sort: true, filter: OPTIONS, csv: true, table: "always" },
  { key: "country", field: "country", csv: true },
  { key: "region", field: "region", sort: true, filter: OPTIONS, csv: true, table: "always" },
  { key: "employees", field: "employeeCount", label: "Employees", sort: true, csv: true },
  { key: "revenue", field: "annualRevenue", sort: true },
  { key: "ltv", field: "lifetimeValue", sort: true, csv: true, table: "always" },
  { key: "orders", field: "orderCount", label: "Orders", sort: true, csv: true },
  { key: "orders12m", field: "orders12m", label: "Orders (12 months)", heading: "Orders 12m", sort: true, csv: true, table: "always" },
  { key: "aov", field: "avgOrderValue", heading: "Avg order", sort: true, csv: true, table: "always" },
  { key: "lastOrder", field: "lastOrderAt", heading: "Last order", sort: true, csv: true, table: "always" },
  { key: "engagement", field: "engagementScore", heading: "Engagement", sort: true, csv: true, table: "always" },
  { key: "stage", field: "journeyStage", heading: "Stage", sort: true, filter: OPTIONS, csv: true, table: "always" },
  { key: "loyalty", field: "loyaltyStatus", label: "Loyalty", sort: true, filter: OPTIONS, csv: true, table: "always" },
  { key: "usage", field: "usageRate", label: "Usage", filter: OPTIONS, csv: true },
  {
    key: "tech", field: "technologies", label: "Technology",
    filter: { values: "ids", searchable: true, minChoices: 0, groupedBy: "techCategory" },
  },
  { key: "category", label: "Tech category", type: "enum", filter: { values: "options", options: TECH_CATEGORY_OPTIONS } },
  // Several categories: the account runs none of them (it lacks each one), as the matrix's whitespace view counts.
  {
    key: "lacks", label: "Lacks category", type: "enum",
    filter: { values: "options", options: TECH_CATEGORY_OPTIONS, explain: (chosen) => `Lacks: accounts that run no ${listOf(chosen, "or")} technology.` },
  },
  // account_segmentation.whitespace; several categories: the account has each one as whitespace.
  {
    key: "whitespace", label: "Whitespace", type: "enum",
    filter: {
      values: "options", options: TECH_CATEGORY_OPTIONS,
      explain: (chosen) => `Whitespace: accounts that lack ${listOf(chosen, "and")} while most of their peers (same industry and tier) run ${chosen.length === 1 ? "it" : "each"}.`,
    },
  },
  { key: "hosting", field: "hostingPreference", label: "Hosting", filter: OPTIONS, csv: true },
  { key: "device", field: "devicePreference", label: "Devices", filter: OPTIONS },
  { key: "adoption", field: "techAdoption", label: "Adoption", filter: OPTIONS, csv: true },
] as const satisfies readonly ColumnSpec[];

type Spec = (typeof COLUMNS)[number];
export type ColumnKey = Spec["key"];
/** Sortable columns (the list's default order, "priority", is not a column). */
export type SortableKey = Extract<Spec, { sort: unknown }>["key"];
export type FilterKey = Extract<Spec, { filter: unknown }>["key"];
/** Filters whose URL values are integer ids. */
export type IdFilterKey = Extract<Spec, { filter: { values: "ids" } }>["key"];
/** Filters the SQL answers by comparing the field's own column; the others need their own SQL. */
export type ColumnFilterKey = Extract<Spec, { field: FieldKey; filter: { values: "options" } }>["key"];
/** Columns of the table (each one sortable: its heading is a sort link). */
export type TableKey = Extract<Spec, { table: unknown }>["key"] & SortableKey;
/**
 * The rule fields a list row carries (lib/data/accounts.ts selects them under the field's key):
 * those of the export's columns, except the owner, which the row carries as id and name.
 */
export type RowFieldKey = Exclude<Extract<Spec, { csv: true; field: FieldKey }>["field"], "owner">;

/** One column with the registry's facts filled in. */
export interface ListColumn<K extends ColumnKey = ColumnKey> {
  readonly key: K;
  readonly field: FieldKey | null;
  readonly label: string;
  readonly heading: string;
  readonly type: FieldType;
  readonly nullable: boolean;
  /** The field's column in `accounts` (no alias), null for columns without one. */
  readonly column: string | null;
  /** The column's PostgreSQL enum type; null for text columns and columns without a field. */
  readonly pgEnum: string | null;
  /** Fixed choices (enum fields, `options`); empty where the database supplies them. */
  readonly options: readonly EnumOption[];
  /** ORDER BY expression; null when the column is not sortable. */
  readonly sortSql: string | null;
  /** Money, counts, scores and dates sort highest or newest first on the first click. */
  readonly descFirst: boolean;
  readonly filter: FilterSpec | null;
  readonly csv: boolean;
  readonly table: "always" | "seesAll" | null;
}

function resolve(spec: ColumnSpec): ListColumn {
  const field = spec.field ? getField(spec.field) : null;
  const column = field && "column" in field.sql ? field.sql.column : null;
  const type = field?.type ?? spec.type ?? "text";
  const label = spec.label ?? field?.label ?? spec.key;
  return {
    key: spec.key as ColumnKey,
    field: spec.field ?? null,
    label,
    heading: spec.heading ?? label,
    type,
    nullable: !!field && "nullable" in field && field.nullable,
    column,
    pgEnum: field?.type === "enum" ? field.pgEnum : null,
    options: spec.filter?.options ?? (field ? staticOptions(field) : []),
    sortSql: spec.sort === true ? `a.${column}` : (spec.sort ?? null),
    descFirst: type === "number" || type === "money" || type === "date",
    filter: spec.filter ?? null,
    csv: !!spec.csv,
    table: spec.table ?? null,
  };
}

/** Every column, in the order of the filter bar, the table and the export. */
export const ACCOUNT_COLUMNS: readonly ListColumn[] = COLUMNS.map(resolve);

const BY_KEY = new Map(ACCOUNT_COLUMNS.map((c) => [c.key, c]));

function accountColumn<K extends ColumnKey>(key: K): ListColumn<K> {
  return BY_KEY.get(key) as ListColumn<K>;
}

const keysOf = <K extends ColumnKey>(pick: (spec: Spec) => boolean) => COLUMNS.filter(pick).map((s) => s.key as K);

export const SORTABLE_KEYS: readonly SortableKey[] = keysOf<SortableKey>((s) => "sort" in s);
export const FILTER_KEYS: readonly FilterKey[] = keysOf<FilterKey>((s) => "filter" in s);
export const ROW_FIELD_KEYS: readonly RowFieldKey[] = COLUMNS.flatMap((s) =>
  "csv" in s && "field" in s && s.field !== "owner" ? [s.field] : [],
);

/** Whether a list row carries this field under its key (see RowFieldKey). */
export function isRowField(field: FieldKey | null): field is RowFieldKey {
  return (ROW_FIELD_KEYS as readonly (FieldKey | null)[]).includes(field);
}

/** The filters, in filter-bar order. */
export const ACCOUNT_FILTERS = FILTER_KEYS.map((key) => accountColumn(key) as ListColumn<FilterKey> & { filter: FilterSpec });
