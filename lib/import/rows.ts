/**
 * One CSV record -> one typed row of an import, or the reasons it cannot be imported. Checks that
 * need only the row (and small lookups: users, the technology catalogue, keys seen earlier in the
 * file) happen here; checks against the accounts table happen in SQL (lib/import/stage/).
 */
import { createHash } from "node:crypto";
import { TARGET_FIELDS, type ColumnMapping, type ImportKind, type TargetField } from "./kinds";
import { parseDate, parseDateTime } from "./values/dates";
import { parseDomain } from "./values/domains";
import { parseEnum } from "./values/enums";
import { parseConfidence, parseInteger, parseMoney } from "./values/numbers";
import { quote, type Parsed } from "./values/parsed";
import { closest, parseCountry, parseIndustry, parseTags, parseText } from "./values/text";

/** One problem with one row; `column` is the file's header (or the field's label when it has no column). */
export interface RowError {
  line: number;
  column: string | null;
  value: string | null;
  reason: string;
}

/** "Line 14, Amount: '12,5x' is not a number". */
export function describeRowError(error: RowError): string {
  return `Line ${error.line}${error.column ? `, ${error.column}` : ""}: ${error.reason}`;
}

export interface AccountRow {
  line: number;
  domain: string;
  name: string | null;
  industry: string | null;
  country: string | null;
  region: string | null;
  employeeCount: number | null;
  annualRevenue: string | null;
  ownerId: string | null;
  potential: string | null;
  loyaltyStatus: string | null;
  usageRate: string | null;
  journeyStage: string | null;
  hostingPreference: string | null;
  devicePreference: string | null;
  techAdoption: string | null;
  benefitsSought: string[] | null;
}

export interface OrderRow {
  line: number;
  domain: string;
  orderedAt: string;
  amount: string;
  productLine: string | null;
  externalId: string;
}

export interface EventRow {
  line: number;
  domain: string;
  type: string;
  occurredAt: string;
  detail: string | null;
  externalId: string;
}

export interface TechnologyRow {
  line: number;
  domain: string;
  technologyId: number;
  firstDetectedAt: string | null;
  lastDetectedAt: string | null;
  confidence: number | null;
}

export type ImportRow = AccountRow | OrderRow | EventRow | TechnologyRow;

export interface OwnerLookup {
  byEmail: ReadonlyMap<string, string>;
  /** Full names in lower case -> ids (more than one when two users share a name). */
  byName: ReadonlyMap<string, readonly string[]>;
}

export interface TechnologyLookup {
  byName: ReadonlyMap<string, number>;
  names: readonly string[];
}

export interface RowContext {
  kind: ImportKind;
  mapping: ColumnMapping;
  /** Column index per mapped field. */
  columns: ReadonlyMap<string, number>;
  owners: OwnerLookup;
  technologies: TechnologyLookup;
  /** Keys already seen in the file (domain, or domain + external id...) -> first line. */
  seen: Map<string, number>;
  /** Identical rows without an external id, counted so each gets its own derived id. */
  occurrences: Map<string, number>;
}

/** Column indexes for a mapping, given the file's header row (first column of a repeated name wins). */
export function columnIndexes(kind: ImportKind, mapping: ColumnMapping, headers: readonly string[]): Map<string, number> {
  const columns = new Map<string, number>();
  for (const field of TARGET_FIELDS[kind]) {
    const header = mapping.fields[field.key];
    if (!header) continue;
    const index = headers.indexOf(header);
    if (index !== -1) columns.set(field.key, index);
  }
  return columns;
}

export function newRowContext(
  kind: ImportKind,
  mapping: ColumnMapping,
  headers: readonly string[],
  lookups: { owners: OwnerLookup; technologies: TechnologyLookup },
): RowContext {
  return { kind, mapping, columns: columnIndexes(kind, mapping, headers), ...lookups, seen: new Map(), occurrences: new Map() };
}

export type Conversion = { row: ImportRow; errors: [] } | { row: null; errors: RowError[] };

/** Reads fields of one record, collecting every problem rather than stopping at the first. */
class RowReader {
  readonly errors: RowError[] = [];

  constructor(
    private readonly ctx: RowContext,
    readonly line: number,
    private readonly cells: readonly string[],
  ) {}

  private field(key: string): TargetField {
    const field = TARGET_FIELDS[this.ctx.kind].find((f) => f.key === key);
    if (!field) throw new Error(`unknown import field ${this.ctx.kind}.${key}`);
    return field;
  }

  /** The header a field's errors are reported under. */
  columnOf(key: string): string {
    return this.ctx.mapping.fields[key] ?? this.field(key).label;
  }

  /** The trimmed cell of a field: undefined when the field is not mapped, "" when blank. */
  raw(key: string): string | undefined {
    const index = this.ctx.columns.get(key);
    if (index === undefined) return undefined;
    return (this.cells[index] ?? "").trim();
  }

  fail(key: string, value: string | null, reason: string): null {
    this.errors.push({ line: this.line, column: this.columnOf(key), value, reason });
    return null;
  }

  /** A parsed optional value: null when absent or blank. */
  optional<T>(key: string, parse: (raw: string) => Parsed<T>): T | null {
    const raw = this.raw(key);
    if (raw === undefined || raw === "") return null;
    const parsed = parse(raw);
    return parsed.ok ? parsed.value : this.fail(key, raw, parsed.reason);
  }

  /** A parsed required value: an error when blank. */
  required<T>(key: string, parse: (raw: string) => Parsed<T>): T | null {
    const raw = this.raw(key);
    if (raw === undefined || raw === "") return this.fail(key, raw ?? null, "is empty; a value is required");
    const parsed = parse(raw);
    return parsed.ok ? parsed.value : this.fail(key, raw, parsed.reason);
  }

  /** Flag a key seen on an earlier line. */
  unique(key: string, field: string, display: string): void {
    const first = this.ctx.seen.get(key);
    if (first !== undefined) this.fail(field, display, `${quote(display)} also appears on line ${first}; each may appear once`);
    else this.ctx.seen.set(key, this.line);
  }
}

export function convertRow(ctx: RowContext, line: number, cells: readonly string[]): Conversion {
  const reader = new RowReader(ctx, line, cells);
  const row = CONVERTERS[ctx.kind](reader, ctx);
  return row && reader.errors.length === 0 ? { row, errors: [] } : { row: null, errors: reader.errors };
}

const CONVERTERS: Record<ImportKind, (r: RowReader, ctx: RowContext) => ImportRow | null> = {
  accounts: accountRow,
  orders: orderRow,
  events: eventRow,
  technologies: technologyRow,
};

function accountRow(r: RowReader, ctx: RowContext): AccountRow | null {
  const domain = r.required("domain", parseDomain);
  if (domain) r.unique(domain, "domain", domain);
  const name = r.optional("name", (raw) => parseText(raw, 200));
  const country = r.optional("country", parseCountry);
  const region = r.optional("region", (raw) => parseEnum(raw, "region")) ?? country?.region ?? null;
  const row: AccountRow = {
    line: r.line,
    domain: domain ?? "",
    name,
    industry: r.optional("industry", parseIndustry),
    country: country?.name ?? null,
    region,
    employeeCount: r.optional("employeeCount", (raw) => parseInteger(raw)),
    annualRevenue: r.optional("annualRevenue", (raw) => parseMoney(raw, 1e14)),
    ownerId: r.optional("owner", (raw) => parseOwner(raw, ctx.owners)),
    potential: r.optional("potential", (raw) => parseMoney(raw, 1e12)),
    loyaltyStatus: r.optional("loyaltyStatus", (raw) => parseEnum(raw, "loyaltyStatus")),
    usageRate: r.optional("usageRate", (raw) => parseEnum(raw, "usageRate")),
    journeyStage: r.optional("journeyStage", (raw) => parseEnum(raw, "journeyStage")),
    hostingPreference: r.optional("hostingPreference", (raw) => parseEnum(raw, "hostingPreference")),
    devicePreference: r.optional("devicePreference", (raw) => parseEnum(raw, "devicePreference")),
    techAdoption: r.optional("techAdoption", (raw) => parseEnum(raw, "techAdoption")),
    benefitsSought: r.optional("benefitsSought", parseTags),
  };
  return domain ? row : null;
}

function orderRow(r: RowReader, ctx: RowContext): OrderRow | null {
  const domain = r.required("accountDomain", parseDomain);
  const orderedAt = r.required("orderedAt", (raw) => parseDate(raw, ctx.mapping.dateFormat));
  const amount = r.required("amount", (raw) => parseMoney(raw, 1e12));
  const productLine = r.optional("productLine", (raw) => parseText(raw, 100));
  const explicitId = r.optional("externalId", (raw) => parseText(raw, 200));
  if (!domain || !orderedAt || !amount) return null;
  const externalId = explicitId || derivedId(ctx, ["order", domain, orderedAt, amount, productLine ?? ""]);
  if (explicitId) r.unique(`${domain}\u0000${explicitId}`, "externalId", explicitId);
  return { line: r.line, domain, orderedAt, amount, productLine, externalId };
}

function eventRow(r: RowReader, ctx: RowContext): EventRow | null {
  const domain = r.required("accountDomain", parseDomain);
  const type = r.required("type", (raw) => parseEnum(raw, "engagementType"));
  const occurredAt = r.required("occurredAt", (raw) => parseDateTime(raw, ctx.mapping.dateFormat));
  const detail = r.optional("detail", (raw) => parseText(raw, 500));
  const explicitId = r.optional("externalId", (raw) => parseText(raw, 200));
  if (!domain || !type || !occurredAt) return null;
  const externalId = explicitId || derivedId(ctx, ["event", domain, type, occurredAt, detail ?? ""]);
  if (explicitId) r.unique(`${domain}\u0000${explicitId}`, "externalId", explicitId);
  return { line: r.line, domain, type, occurredAt, detail: detail || null, externalId };
}

function technologyRow(r: RowReader, ctx: RowContext): TechnologyRow | null {
  const domain = r.required("accountDomain", parseDomain);
  const technologyId = r.required("technology", (raw) => parseTechnology(raw, ctx.technologies));
  const firstDetectedAt = r.optional("firstDetectedAt", (raw) => parseDate(raw, ctx.mapping.dateFormat));
  const lastDetectedAt = r.optional("lastDetectedAt", (raw) => parseDate(raw, ctx.mapping.dateFormat));
  const confidence = r.optional("confidence", parseConfidence);
  if (firstDetectedAt && lastDetectedAt && firstDetectedAt > lastDetectedAt) {
    r.fail("firstDetectedAt", firstDetectedAt, `${quote(firstDetectedAt)} is after the last-detected date ${lastDetectedAt}`);
  }
  if (!domain || technologyId === null) return null;
  r.unique(`${domain}\u0000${technologyId}`, "technology", r.raw("technology") ?? "");
  return { line: r.line, domain, technologyId, firstDetectedAt, lastDetectedAt, confidence };
}

/**
 * An id for a row without one, from its content: re-importing the same file finds the same
 * ids and changes nothing. Identical rows are numbered so that each is kept.
 */
function derivedId(ctx: RowContext, parts: readonly string[]): string {
  const hash = createHash("sha1").update(parts.join("\u0000")).digest("base64url").slice(0, 22);
  const seen = (ctx.occurrences.get(hash) ?? 0) + 1;
  ctx.occurrences.set(hash, seen);
  return `csv:${hash}${seen > 1 ? `:${seen}` : ""}`;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** An active user, by e-mail address or full name (any case). */
export function parseOwner(raw: string, owners: OwnerLookup): Parsed<string> {
  const key = raw.trim().toLowerCase();
  if (EMAIL.test(key)) {
    const id = owners.byEmail.get(key);
    return id ? { ok: true, value: id } : { ok: false, reason: `${quote(raw)} is not the e-mail address of an active Tierwise user` };
  }
  const ids = owners.byName.get(key.replace(/\s+/g, " ")) ?? [];
  if (ids.length === 1) return { ok: true, value: ids[0]! };
  if (ids.length > 1) return { ok: false, reason: `${quote(raw)} names more than one user: use their e-mail address` };
  return { ok: false, reason: `${quote(raw)} is not an active Tierwise user (use their e-mail address or full name)` };
}

/** A catalogue technology by name (any case), with a suggestion for a near miss. */
export function parseTechnology(raw: string, technologies: TechnologyLookup): Parsed<number> {
  const id = technologies.byName.get(raw.trim().toLowerCase().replace(/\s+/g, " "));
  if (id !== undefined) return { ok: true, value: id };
  const suggestion = closest(raw, technologies.names);
  return { ok: false, reason: `${quote(raw)} is not in the technology catalogue${suggestion ? ` (did you mean ${suggestion}?)` : ""}` };
}
