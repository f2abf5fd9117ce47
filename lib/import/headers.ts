/**
 * Recognising a file's columns: CRM exports (HubSpot, Salesforce) and Tierwise's own names are
 * matched to target fields, ignoring case, spacing and punctuation ("Company Domain Name",
 * "company_domain_name" and "CompanyDomainName" are the same header).
 */
import { DATE_FORMATS, TARGET_FIELDS, type ColumnMapping, type DateFormat, type ImportKind, type TargetField } from "./kinds";

/** Header names as the mapping uses them: trimmed; a blank header becomes "Column 3". */
export function headerNames(cells: readonly string[]): string[] {
  return cells.map((cell, i) => cell.trim() || `Column ${i + 1}`);
}

/** "Country/Region" -> "countryregion"; "E-mail" -> "email". */
export function normaliseHeader(header: string): string {
  return header.normalize("NFKD").toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** The headers a field answers to: its aliases, its label and its key. */
function namesOf(field: TargetField): string[] {
  return [...field.aliases, field.label, field.key].map(normaliseHeader);
}

/**
 * A mapping for a file's headers: each field gets the first header (in the field's order of
 * preference) that names it, and a header feeds at most one field. Fields are served in their
 * list order, so "Domain" goes to the domain before anything else can claim it.
 */
export function recogniseHeaders(kind: ImportKind, headers: readonly string[], dateFormat: DateFormat = "MDY"): ColumnMapping {
  const available = new Map<string, string>();
  for (const header of headers) {
    const key = normaliseHeader(header);
    if (key && !available.has(key)) available.set(key, header);
  }
  const used = new Set<string>();
  const fields: Record<string, string> = {};
  for (const field of TARGET_FIELDS[kind]) {
    for (const name of namesOf(field)) {
      const header = available.get(name);
      if (header !== undefined && !used.has(header)) {
        fields[field.key] = header;
        used.add(header);
        break;
      }
    }
  }
  return { fields, dateFormat };
}

/**
 * Carry a mapping over to another file (a saved mapping, or the previous upload of a corrected
 * file): fields keep their header when the new file has it (compared like recognition does),
 * and anything left unmapped is recognised afresh.
 */
export function adaptMapping(kind: ImportKind, mapping: ColumnMapping, headers: readonly string[]): ColumnMapping {
  const byName = new Map(headers.map((h) => [normaliseHeader(h), h]));
  const recognised = recogniseHeaders(kind, headers, mapping.dateFormat);
  const fields: Record<string, string> = {};
  const used = new Set<string>();
  for (const field of TARGET_FIELDS[kind]) {
    const wanted = mapping.fields[field.key];
    const header = wanted === undefined ? undefined : byName.get(normaliseHeader(wanted));
    if (header !== undefined && !used.has(header)) {
      fields[field.key] = header;
      used.add(header);
    }
  }
  for (const field of TARGET_FIELDS[kind]) {
    const header = recognised.fields[field.key];
    if (fields[field.key] === undefined && mapping.fields[field.key] === undefined && header !== undefined && !used.has(header)) {
      fields[field.key] = header;
      used.add(header);
    }
  }
  return { fields, dateFormat: DATE_FORMATS.includes(mapping.dateFormat) ? mapping.dateFormat : "MDY" };
}

export interface MappingProblem {
  field: string;
  message: string;
}

/** What is wrong with a mapping for a file: required fields unmapped, unknown headers, a header used twice. */
export function checkMapping(kind: ImportKind, mapping: ColumnMapping, headers: readonly string[]): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const present = new Set(headers);
  const usedBy = new Map<string, string>();
  for (const field of TARGET_FIELDS[kind]) {
    const header = mapping.fields[field.key];
    if (header === undefined || header === "") {
      if (field.required) problems.push({ field: field.key, message: `Choose the column that holds the ${field.label.toLowerCase()}: it is required.` });
      continue;
    }
    if (!present.has(header)) {
      problems.push({ field: field.key, message: `The file has no column “${header}”.` });
      continue;
    }
    const other = usedBy.get(header);
    if (other) {
      problems.push({ field: field.key, message: `“${header}” is already used for ${other}; a column can feed one field.` });
      continue;
    }
    usedBy.set(header, field.label);
  }
  return problems;
}
