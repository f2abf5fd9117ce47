/**
 * The field registry: the one list of every criterion a rule can use. Validation, SQL
 * compilation, evaluation, plain-language text and the editor all read it; nothing else
 * may list fields.
 */
import type { FieldFamily, FieldType } from "@/lib/segmentation/field-types";
import {
  BENEFIT_SUGGESTIONS,
  CAMPAIGN_CHANNEL_OPTIONS,
  DEVICE_PREFERENCE_OPTIONS,
  HOSTING_PREFERENCE_OPTIONS,
  INDUSTRY_OPTIONS,
  JOURNEY_STAGE_OPTIONS,
  LOYALTY_STATUS_OPTIONS,
  REGION_OPTIONS,
  TECH_ADOPTION_OPTIONS,
  USAGE_RATE_OPTIONS,
  type EnumOption,
} from "@/lib/segmentation/options";

export type FieldUnit = "USD" | "days" | "orders" | "events" | "employees" | "points";

/**
 * Where the SQL compiler finds a field (always relative to `accounts a`).
 * - column: `a."column"`.
 * - daysSince: `(CAST(asOf AS date) - a."column")`, computed at evaluation time so SQL and the
 *   evaluator agree even when the stored derived column is stale.
 * - respondedChannels: `a.id IN (accounts with a campaign response on the channels)`, outcomes
 *   other than a non-response counting.
 * - technologies: the GIN-indexed `a.technology_ids` array (a trigger keeps it equal to the
 *   account's account_technologies rows) with `&&` / `@>`; categories as bits of
 *   `a.technology_categories` (kept by the same trigger); "detected within" reads
 *   account_technologies' detection dates.
 */
export type FieldSql =
  | { readonly kind: "column"; readonly column: string }
  | { readonly kind: "daysSince"; readonly column: string }
  | { readonly kind: "respondedChannels" }
  | { readonly kind: "technologies" };

/**
 * Where the evaluator finds a field in AccountFacts: the property named like the field, or
 * derived from another property and the evaluation date.
 */
export type FieldFacts = { readonly kind: "property" } | { readonly kind: "daysSince"; readonly from: "lastOrderAt" };

/** Enum choices: fixed (from Prisma enums or the industry list) or supplied at runtime (users). */
export type EnumOptionSource =
  | { readonly kind: "static"; readonly values: readonly EnumOption[] }
  | { readonly kind: "dynamic"; readonly source: "users" };

interface FieldCommon {
  readonly key: string;
  readonly label: string;
  readonly family: FieldFamily;
  readonly unit: FieldUnit | null;
  readonly description: string;
}

export interface NumericFieldDefinition extends FieldCommon {
  readonly type: "number" | "money";
  /** Whole numbers only: values are bound as bigint so integer indexes stay usable. */
  readonly integer: boolean;
  readonly nullable: boolean;
  readonly sql: Extract<FieldSql, { kind: "column" | "daysSince" }>;
  readonly facts: FieldFacts;
}

export interface DateFieldDefinition extends FieldCommon {
  readonly type: "date";
  readonly nullable: boolean;
  readonly sql: Extract<FieldSql, { kind: "column" }>;
  readonly facts: { readonly kind: "property" };
}

export interface EnumFieldDefinition extends FieldCommon {
  readonly type: "enum";
  readonly nullable: boolean;
  readonly options: EnumOptionSource;
  /** PostgreSQL enum type of the column, or null for a text column. */
  readonly pgEnum: string | null;
  readonly sql: Extract<FieldSql, { kind: "column" }>;
  readonly facts: { readonly kind: "property" };
}

export interface TextFieldDefinition extends FieldCommon {
  readonly type: "text";
  readonly sql: Extract<FieldSql, { kind: "column" }>;
  readonly facts: { readonly kind: "property" };
}

export interface TagsFieldDefinition extends FieldCommon {
  readonly type: "tags";
  /** Allowed tags, or null when any tag may be used (then `suggestions` helps the editor). */
  readonly options: readonly EnumOption[] | null;
  readonly suggestions: readonly string[];
  readonly sql: Extract<FieldSql, { kind: "column" | "respondedChannels" }>;
  readonly facts: { readonly kind: "property" };
}

export interface TechnologyFieldDefinition extends FieldCommon {
  readonly type: "technology";
  readonly sql: Extract<FieldSql, { kind: "technologies" }>;
  readonly facts: { readonly kind: "property" };
}

export type FieldDefinition =
  | NumericFieldDefinition
  | DateFieldDefinition
  | EnumFieldDefinition
  | TextFieldDefinition
  | TagsFieldDefinition
  | TechnologyFieldDefinition;

const column = (name: string) => ({ kind: "column", column: name }) as const;
const property = { kind: "property" } as const;
const fixed = (values: readonly EnumOption[]) => ({ kind: "static", values }) as const;

export const FIELD_LIST = [
  // Firmographic
  {
    key: "name", label: "Name", family: "firmographic", type: "text", unit: null,
    description: "Company name.",
    sql: column("name"), facts: property,
  },
  {
    key: "domain", label: "Domain", family: "firmographic", type: "text", unit: null,
    description: "Company web domain, e.g. acme.com.",
    sql: column("domain"), facts: property,
  },
  {
    key: "industry", label: "Industry", family: "firmographic", type: "enum", unit: null,
    description: "Industry the company operates in.",
    nullable: false, options: fixed(INDUSTRY_OPTIONS), pgEnum: null,
    sql: column("industry"), facts: property,
  },
  {
    key: "country", label: "Country", family: "firmographic", type: "text", unit: null,
    description: "Country of the company's headquarters.",
    sql: column("country"), facts: property,
  },
  {
    key: "region", label: "Region", family: "firmographic", type: "enum", unit: null,
    description: "Sales region.",
    nullable: false, options: fixed(REGION_OPTIONS), pgEnum: "Region",
    sql: column("region"), facts: property,
  },
  {
    key: "employeeCount", label: "Employee count", family: "firmographic", type: "number", unit: "employees",
    description: "Number of employees.",
    integer: true, nullable: false,
    sql: column("employee_count"), facts: property,
  },
  {
    key: "annualRevenue", label: "Annual revenue", family: "firmographic", type: "money", unit: "USD",
    description: "The company's own annual revenue.",
    integer: false, nullable: false,
    sql: column("annual_revenue"), facts: property,
  },
  {
    key: "owner", label: "Owner", family: "firmographic", type: "enum", unit: null,
    description: "The sales rep who owns the account.",
    nullable: true, options: { kind: "dynamic", source: "users" }, pgEnum: null,
    sql: column("owner_id"), facts: property,
  },

  // Value (tiered segmentation), derived from orders
  {
    key: "lifetimeValue", label: "Lifetime value", family: "value", type: "money", unit: "USD",
    description: "Total of all orders.",
    integer: false, nullable: false,
    sql: column("lifetime_value"), facts: property,
  },
  {
    key: "orderCount", label: "Order count", family: "value", type: "number", unit: "orders",
    description: "Number of orders ever placed.",
    integer: true, nullable: false,
    sql: column("order_count"), facts: property,
  },
  {
    key: "avgOrderValue", label: "Average order value", family: "value", type: "money", unit: "USD",
    description: "Lifetime value divided by order count.",
    integer: false, nullable: false,
    sql: column("avg_order_value"), facts: property,
  },
  {
    key: "orders12m", label: "Purchase frequency", family: "value", type: "number", unit: "orders",
    description: "Purchase frequency: orders in the last 12 months.",
    integer: true, nullable: false,
    sql: column("orders_12m"), facts: property,
  },
  {
    key: "daysSinceLastOrder", label: "Days since last order", family: "value", type: "number", unit: "days",
    description: "Days from the last order to the evaluation date; empty when the account never ordered.",
    integer: true, nullable: true,
    sql: { kind: "daysSince", column: "last_order_at" }, facts: { kind: "daysSince", from: "lastOrderAt" },
  },
  {
    key: "firstOrderAt", label: "First order date", family: "value", type: "date", unit: null,
    description: "Date of the first order.",
    nullable: true,
    sql: column("first_order_at"), facts: property,
  },
  {
    key: "lastOrderAt", label: "Last order date", family: "value", type: "date", unit: null,
    description: "Date of the most recent order.",
    nullable: true,
    sql: column("last_order_at"), facts: property,
  },
  {
    key: "potential", label: "Estimated potential", family: "value", type: "money", unit: "USD",
    description: "Whitespace revenue: what the account could still buy.",
    integer: false, nullable: false,
    sql: column("potential"), facts: property,
  },
  {
    key: "loyaltyStatus", label: "Loyalty status", family: "value", type: "enum", unit: null,
    description: "Where the account stands in its relationship with us.",
    nullable: false, options: fixed(LOYALTY_STATUS_OPTIONS), pgEnum: "LoyaltyStatus",
    sql: column("loyalty_status"), facts: property,
  },

  // Behaviour
  {
    key: "usageRate", label: "Usage rate", family: "behaviour", type: "enum", unit: null,
    description: "How heavily the account uses our products.",
    nullable: false, options: fixed(USAGE_RATE_OPTIONS), pgEnum: "UsageRate",
    sql: column("usage_rate"), facts: property,
  },
  {
    key: "engagement30d", label: "Engagement (last 30 days)", family: "behaviour", type: "number", unit: "events",
    description: "Engagement events (visits, opens, clicks, meetings, webinars, events) in the last 30 days.",
    integer: true, nullable: false,
    sql: column("engagement_30d"), facts: property,
  },
  {
    key: "engagement90d", label: "Engagement (last 90 days)", family: "behaviour", type: "number", unit: "events",
    description: "Engagement events in the last 90 days.",
    integer: true, nullable: false,
    sql: column("engagement_90d"), facts: property,
  },
  {
    key: "engagementScore", label: "Engagement score", family: "behaviour", type: "number", unit: "points",
    description: "Weighted score of recent engagement.",
    integer: true, nullable: false,
    sql: column("engagement_score"), facts: property,
  },
  {
    key: "journeyStage", label: "Journey stage", family: "behaviour", type: "enum", unit: null,
    description: "Stage of the customer journey.",
    nullable: false, options: fixed(JOURNEY_STAGE_OPTIONS), pgEnum: "JourneyStage",
    sql: column("journey_stage"), facts: property,
  },
  {
    key: "benefitsSought", label: "Benefits sought", family: "behaviour", type: "tags", unit: null,
    description: "What the account values, e.g. security or scalability.",
    options: null, suggestions: BENEFIT_SUGGESTIONS,
    sql: column("benefits_sought"), facts: property,
  },
  {
    key: "respondedChannels", label: "Campaign response channels", family: "behaviour", type: "tags", unit: null,
    description: "Channels on which the account responded to a campaign (any outcome except no response or unsubscribe).",
    options: CAMPAIGN_CHANNEL_OPTIONS, suggestions: [],
    sql: { kind: "respondedChannels" }, facts: property,
  },

  // Technographic
  {
    key: "technologies", label: "Technologies", family: "technographic", type: "technology", unit: null,
    description: "Technologies detected at the account, from the catalogue.",
    sql: { kind: "technologies" }, facts: property,
  },
  {
    key: "hostingPreference", label: "Hosting preference", family: "technographic", type: "enum", unit: null,
    description: "Cloud, on-premise or hybrid.",
    nullable: false, options: fixed(HOSTING_PREFERENCE_OPTIONS), pgEnum: "HostingPreference",
    sql: column("hosting_preference"), facts: property,
  },
  {
    key: "devicePreference", label: "Device / OS preference", family: "technographic", type: "enum", unit: null,
    description: "Mac, PC, mixed or Linux.",
    nullable: false, options: fixed(DEVICE_PREFERENCE_OPTIONS), pgEnum: "DevicePreference",
    sql: column("device_preference"), facts: property,
  },
  {
    key: "techAdoption", label: "Technology adoption", family: "technographic", type: "enum", unit: null,
    description: "How early the account adopts new technology.",
    nullable: false, options: fixed(TECH_ADOPTION_OPTIONS), pgEnum: "TechAdoption",
    sql: column("tech_adoption"), facts: property,
  },
] as const satisfies readonly FieldDefinition[];

type FieldList = (typeof FIELD_LIST)[number];
export type FieldKey = FieldList["key"];
/** The registry entry of one field, with its literal types (e.g. `nullable: true`). */
export type FieldOf<K extends FieldKey> = Extract<FieldList, { key: K }>;
/** Keys of the fields of a type, e.g. FieldKeyOfType<"date"> = "firstOrderAt" | "lastOrderAt". */
export type FieldKeyOfType<T extends FieldType> = Extract<FieldList, { type: T }>["key"];

const BY_KEY = new Map<string, FieldDefinition>(FIELD_LIST.map((field) => [field.key, field]));

/** Look up a field named by untrusted input; undefined for unknown keys (including "__proto__"). */
export function findField(key: string): FieldDefinition | undefined {
  return BY_KEY.get(key);
}

/** The registry entry of a known field key. */
export function getField<K extends FieldKey>(key: K): FieldOf<K>;
export function getField(key: FieldKey): FieldDefinition;
export function getField(key: FieldKey): FieldDefinition {
  const field = BY_KEY.get(key);
  if (!field) throw new Error(`Unknown field ${key}`);
  return field;
}

export function fieldsOfFamily(family: FieldFamily): readonly FieldDefinition[] {
  return FIELD_LIST.filter((field) => field.family === family);
}

/** Static enum/tag options of a field (empty for runtime-supplied options such as owners). */
export function staticOptions(field: FieldDefinition): readonly EnumOption[] {
  if (field.type === "enum") return field.options.kind === "static" ? field.options.values : [];
  if (field.type === "tags") return field.options ?? [];
  return [];
}
