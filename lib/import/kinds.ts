/**
 * What can be imported: four kinds of CSV file and, for each, the fields a column can be mapped
 * to. Pure data (no Node, no Prisma): the mapping screen, header recognition, row conversion and
 * validation all read it, so a field is described once.
 */
import { ENUM_LABELS } from "@/lib/domain/enums";

export const IMPORT_KINDS = ["accounts", "orders", "events", "technologies"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export function isImportKind(value: unknown): value is ImportKind {
  return typeof value === "string" && (IMPORT_KINDS as readonly string[]).includes(value);
}

export const KIND_LABELS: Readonly<Record<ImportKind, { title: string; noun: string; description: string }>> = {
  accounts: {
    title: "Accounts",
    noun: "account",
    description: "Companies with their firmographics and profile. Matched to existing accounts by domain: new domains are created, known ones updated.",
  },
  orders: {
    title: "Orders",
    noun: "order",
    description: "Dated orders with an amount, for accounts that already exist. Lifetime value, frequency and recency are recomputed.",
  },
  events: {
    title: "Engagement events",
    noun: "event",
    description: "Web visits, e-mail opens and clicks, meetings, webinars and events, for existing accounts. Engagement scores are recomputed.",
  },
  technologies: {
    title: "Technologies",
    noun: "technology",
    description: "Technologies detected at existing accounts, named as in the catalogue, with detection dates and confidence.",
  },
};

export type ValueType =
  | "text"
  | "domain"
  | "industry"
  | "country"
  | "integer"
  | "money"
  | "date"
  | "datetime"
  | "enum"
  | "tags"
  | "owner"
  | "technology"
  | "confidence";

/** Enums an imported column can hold, with the database values and labels of lib/domain/enums.ts. */
export type ImportEnum = "region" | "loyaltyStatus" | "usageRate" | "journeyStage" | "hostingPreference" | "devicePreference" | "techAdoption" | "engagementType";

export interface TargetField {
  key: string;
  label: string;
  type: ValueType;
  enumName?: ImportEnum;
  /** The column must be mapped. */
  required: boolean;
  /** Accounts: a value is needed to create an account (an update keeps what the account has). */
  requiredForNew?: boolean;
  /** What a new record gets when the column is absent or the cell is blank, in words. */
  defaultText?: string;
  /** Accepted formats, in words. */
  hint: string;
  /** Headers recognised for this field, most specific first (compared ignoring case, spaces and punctuation). */
  aliases: readonly string[];
}

const enumHint = (name: ImportEnum) => `One of ${Object.values(ENUM_LABELS[name]).join(", ")} (labels or values, any case).`;

/** An optional account field named for its enum; a new account gets `fallback` when the file has none. */
function enumField<E extends ImportEnum>(name: E, label: string, fallback: keyof (typeof ENUM_LABELS)[E] & string, aliases: readonly string[], note?: string): TargetField {
  const defaultText = (ENUM_LABELS[name] as Record<string, string>)[fallback];
  return { key: name, label, type: "enum", enumName: name, required: false, defaultText, hint: note ? `${enumHint(name)} ${note}` : enumHint(name), aliases };
}

const DOMAIN_HINT = "A web domain or address: https://www.acme.com/about becomes acme.com.";
/** Orders, events and technologies name their (existing) account by its domain. */
const ACCOUNT_DOMAIN_FIELD: TargetField = {
  key: "accountDomain",
  label: "Account domain",
  type: "domain",
  required: true,
  hint: `${DOMAIN_HINT} The account must exist.`,
  aliases: ["Account domain", "Company Domain Name", "Domain", "Company domain", "Website", "Account website", "Company website", "Website URL"],
};

/** Your system's id for an order or event: without one, an id derived from the row keeps a re-import from adding it twice. */
function externalIdField(label: string, hint: string, aliases: readonly string[]): TargetField {
  return { key: "externalId", label, type: "text", required: false, defaultText: "Derived from the row, so the same file imports once", hint, aliases: [...aliases, "Record ID", "External ID", "ID"] };
}

const ACCOUNT_FIELDS: readonly TargetField[] = [
  {
    key: "domain", label: "Domain", type: "domain", required: true,
    hint: `${DOMAIN_HINT} Accounts are matched by domain.`,
    aliases: ["Domain", "Company Domain Name", "Company domain", "Website", "Website URL", "Company website", "Account website", "Web site", "URL"],
  },
  {
    key: "name", label: "Name", type: "text", required: false, requiredForNew: true,
    hint: "The company name, up to 200 characters.",
    aliases: ["Company name", "Account Name", "Name", "Company", "Account", "Organization", "Organisation"],
  },
  {
    key: "industry", label: "Industry", type: "industry", required: false, requiredForNew: true,
    hint: "One of the Tierwise industries (e.g. Software, Financial Services, Healthcare); common CRM names such as \"Computer Software\" are recognised.",
    aliases: ["Industry", "Account industry", "Company industry"],
  },
  {
    key: "country", label: "Country", type: "country", required: false, requiredForNew: true,
    hint: "A country name or ISO code (US, GB, DE…).",
    aliases: ["Country", "Country/Region", "Billing Country", "Company country", "HQ country", "Headquarters country"],
  },
  {
    key: "region", label: "Region", type: "enum", enumName: "region", required: false,
    defaultText: "Worked out from the country",
    hint: enumHint("region"),
    aliases: ["Region", "Sales region"],
  },
  {
    key: "employeeCount", label: "Employee count", type: "integer", required: false, defaultText: "0",
    hint: "A whole number, e.g. 1,200.",
    aliases: ["Number of Employees", "Employees", "Employee count", "No. of employees", "Headcount"],
  },
  {
    key: "annualRevenue", label: "Annual revenue", type: "money", required: false, defaultText: "$0",
    hint: "US dollars, e.g. $1,250,000 or 1250000.50.",
    aliases: ["Annual Revenue", "Annual revenue (USD)", "Revenue", "Company revenue"],
  },
  {
    key: "owner", label: "Owner", type: "owner", required: false, defaultText: "Unassigned",
    hint: "The e-mail address or full name of an active Tierwise user.",
    aliases: ["Owner email", "Owner e-mail", "Account owner email", "Company owner", "Account owner", "Owner", "HubSpot owner", "Contact owner"],
  },
  {
    key: "potential", label: "Estimated potential", type: "money", required: false, defaultText: "$0",
    hint: "US dollars of whitespace revenue.",
    aliases: ["Estimated potential", "Potential", "Whitespace", "Whitespace revenue"],
  },
  enumField("loyaltyStatus", "Loyalty status", "NEW", ["Loyalty status", "Loyalty"]),
  enumField("usageRate", "Usage rate", "NONE", ["Usage rate", "Usage"]),
  enumField("journeyStage", "Journey stage", "AWARENESS", ["Journey stage", "Customer journey stage", "Stage", "Lifecycle stage"], "HubSpot lifecycle stages (Lead, Opportunity, Customer…) are translated."),
  enumField("hostingPreference", "Hosting preference", "CLOUD", ["Hosting preference", "Hosting"]),
  enumField("devicePreference", "Device / OS preference", "MIXED", ["Device / OS preference", "Device preference", "OS preference", "Device", "Operating system"]),
  enumField("techAdoption", "Technology adoption", "EARLY_MAJORITY", ["Technology adoption", "Tech adoption", "Adoption"]),
  {
    key: "benefitsSought", label: "Benefits sought", type: "tags", required: false, defaultText: "None",
    hint: "Tags separated by ; or |, e.g. security; scalability.",
    aliases: ["Benefits sought", "Benefits"],
  },
];

const ORDER_FIELDS: readonly TargetField[] = [
  ACCOUNT_DOMAIN_FIELD,
  {
    key: "orderedAt", label: "Order date", type: "date", required: true,
    hint: "2026-03-12, 03/12/2026 or 12 Mar 2026 (see “Dates in this file”).",
    aliases: ["Order date", "Date", "Ordered at", "Close date", "Closed date", "Invoice date", "Purchase date"],
  },
  {
    key: "amount", label: "Amount", type: "money", required: true,
    hint: "US dollars, e.g. $1,250.50.",
    aliases: ["Amount", "Order amount", "Order total", "Total", "Deal amount", "Value", "Order value"],
  },
  {
    key: "productLine", label: "Product line", type: "text", required: false, defaultText: "Unspecified",
    hint: "Free text, up to 100 characters.",
    aliases: ["Product line", "Product", "Product family", "Line of business"],
  },
  externalIdField(
    "Order ID",
    "Your system's id for the order: re-importing an order with the same id updates it instead of adding it again.",
    ["Order ID", "Order number", "Order no", "Deal ID", "Opportunity ID", "Invoice number"],
  ),
];

const EVENT_FIELDS: readonly TargetField[] = [
  ACCOUNT_DOMAIN_FIELD,
  {
    key: "type", label: "Event type", type: "enum", enumName: "engagementType", required: true,
    hint: `${enumHint("engagementType")} Also page view, email opened, email clicked, conference.`,
    aliases: ["Event type", "Type", "Activity type", "Engagement type", "Activity"],
  },
  {
    key: "occurredAt", label: "Date", type: "datetime", required: true,
    hint: "A date, optionally with a time (UTC unless an offset is given): 2026-03-12 14:05 or 2026-03-12T14:05:00Z.",
    aliases: ["Date", "Event date", "Occurred at", "Activity date", "Timestamp", "Date time"],
  },
  externalIdField("Event ID", "Your system's id for the event: re-importing an event with the same id updates it.", ["Event ID", "Activity ID", "Engagement ID"]),
  {
    key: "detail", label: "Detail", type: "text", required: false, defaultText: "None",
    hint: "Free text, e.g. the page or the e-mail subject (up to 500 characters).",
    aliases: ["Detail", "Details", "Description", "Subject", "Notes", "Title"],
  },
];

const TECHNOLOGY_FIELDS: readonly TargetField[] = [
  ACCOUNT_DOMAIN_FIELD,
  {
    key: "technology", label: "Technology", type: "technology", required: true,
    hint: "A technology name from the catalogue (any case), e.g. Salesforce Sales Cloud.",
    aliases: ["Technology", "Technology name", "Tech", "Product name", "Software", "Tool"],
  },
  {
    key: "firstDetectedAt", label: "First detected", type: "date", required: false,
    defaultText: "The last-detected date",
    hint: "A date (see “Dates in this file”).",
    aliases: ["First detected", "First detected at", "First seen", "Detected since"],
  },
  {
    key: "lastDetectedAt", label: "Last detected", type: "date", required: false, defaultText: "The day of the import",
    hint: "A date (see “Dates in this file”).",
    aliases: ["Last detected", "Last detected at", "Last seen", "Detected at"],
  },
  {
    key: "confidence", label: "Confidence", type: "confidence", required: false, defaultText: "100%",
    hint: "From 0 to 1 (0.85) or a percentage (85%).",
    aliases: ["Confidence", "Confidence score", "Detection confidence"],
  },
];

export const TARGET_FIELDS: Readonly<Record<ImportKind, readonly TargetField[]>> = {
  accounts: ACCOUNT_FIELDS,
  orders: ORDER_FIELDS,
  events: EVENT_FIELDS,
  technologies: TECHNOLOGY_FIELDS,
};

export function targetField(kind: ImportKind, key: string): TargetField | undefined {
  return TARGET_FIELDS[kind].find((field) => field.key === key);
}

/**
 * How slashed dates such as 03/04/2026 are read. ISO dates (2026-04-03) and dates with a month
 * name (3 Apr 2026) are unambiguous and always accepted.
 */
export const DATE_FORMATS = ["MDY", "DMY"] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];
export const DATE_FORMAT_LABELS: Readonly<Record<DateFormat, string>> = {
  MDY: "Month/day/year (03/12/2026 is 12 March)",
  DMY: "Day/month/year (12/03/2026 is 12 March)",
};

/** A mapping: which header feeds each target field (absent = not in the file), and how to read dates. */
export interface ColumnMapping {
  fields: Partial<Record<string, string>>;
  dateFormat: DateFormat;
}

/** Limits on the uploaded file. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
export const MAX_FILE_LABEL = "50 MB";
