/**
 * Pitch and talking-point templates: text with placeholders that quote the account's facts.
 *
 * Placeholders (all from the field registry, no second field list):
 * - `{{key}}` for every registry field key (`{{name}}`, `{{lifetimeValue}}`, `{{owner}}`, ...);
 * - `{{technologies.CATEGORY}}` for the account's technologies in one category (`{{technologies.ERP}}`);
 * - `{{tier}}`: the account's tier name. Not a registry field (the tier is the rules' output, not
 *   an input), but reps' scripts quote it ("as one of our Tier 1 partners"); the caller supplies it.
 * `{{owner}}` needs no special case: it is the registry's owner field, shown by the user's name.
 * Spaces inside the braces are allowed (`{{ name }}`). There is no escape for a literal `{{`:
 * a stray brace pair is far more often a typo than intended text, so it is rejected.
 *
 * Rendering is in template-render.ts.
 */
import { FIELD_LIST, findField, type FieldKey } from "@/lib/segmentation/fields";
import { categoryLabel, formatNumber } from "@/lib/segmentation/format";
import { TECH_CATEGORIES } from "@/lib/segmentation/options";
import type { TechCategory } from "@/lib/generated/prisma/enums";

export const TEMPLATE_MAX_LENGTH = 4_000;

const TECHNOLOGIES_PREFIX = "technologies.";
const TIER = "tier";

export type TemplateSegment =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "field"; readonly key: FieldKey }
  | { readonly kind: "category"; readonly category: TechCategory }
  | { readonly kind: "tier" };

/** A template that parsed without errors: literal text and placeholders in order. Plain JSON. */
export interface ParsedTemplate {
  readonly segments: readonly TemplateSegment[];
}

export interface TemplateError {
  /** A sentence naming the problem and its place: "Unknown placeholder {{lifetimeValu}} at line 2, column 14". */
  readonly message: string;
  /** The placeholder as written (`{{lifetimeValu}}`), or null when the problem is not one placeholder. */
  readonly placeholder: string | null;
  /** 1-based; columns count characters (code points), so an emoji is one column. */
  readonly line: number;
  readonly column: number;
}

export type TemplateParseResult = { ok: true; template: ParsedTemplate } | { ok: false; errors: TemplateError[] };

/** One placeholder for the editor's help list: what to type and what it shows. */
export interface PlaceholderHelp {
  readonly placeholder: string;
  readonly label: string;
}

/** Every placeholder a template may use, in registry order, then categories, then the tier. */
export const TEMPLATE_PLACEHOLDERS: readonly PlaceholderHelp[] = [
  ...FIELD_LIST.map((field) => ({ placeholder: `{{${field.key}}}`, label: field.label })),
  ...TECH_CATEGORIES.map((category) => ({
    placeholder: `{{${TECHNOLOGIES_PREFIX}${category}}}`,
    label: `Technologies: ${categoryLabel(category)}`,
  })),
  { placeholder: `{{${TIER}}}`, label: "Tier" },
];

export function parseTemplate(source: string): TemplateParseResult {
  const { segments, errors } = scanTemplate(source);
  return errors.length === 0 ? { ok: true, template: { segments } } : { ok: false, errors };
}

/**
 * The lenient scan behind parseTemplate: invalid placeholders stay as literal text, so a stored
 * template that a later registry change made invalid still renders (renderTemplateSource).
 */
export function scanTemplate(source: string): { segments: TemplateSegment[]; errors: TemplateError[] } {
  const position = positionFinder(source);
  if (source.length > TEMPLATE_MAX_LENGTH) {
    const at = position(TEMPLATE_MAX_LENGTH);
    const message =
      `The text is too long: ${formatNumber(source.length)} characters, at most ${formatNumber(TEMPLATE_MAX_LENGTH)} ` +
      `(the excess starts at line ${at.line}, column ${at.column})`;
    return { segments: [{ kind: "text", text: source }], errors: [{ message, placeholder: null, ...at }] };
  }

  const segments: TemplateSegment[] = [];
  const errors: TemplateError[] = [];
  let text = "";
  const flushText = () => {
    if (text !== "") segments.push({ kind: "text", text });
    text = "";
  };
  const fail = (offset: number, placeholder: string | null, describe: (where: string) => string) => {
    const at = position(offset);
    errors.push({ message: describe(`line ${at.line}, column ${at.column}`), placeholder, ...at });
  };

  let i = 0;
  while (i < source.length) {
    if (source.startsWith("}}", i)) {
      fail(i, null, (where) => `Unexpected }} at ${where} (a placeholder starts with {{)`);
      text += "}}";
      i += 2;
      continue;
    }
    if (!source.startsWith("{{", i)) {
      text += source[i];
      i += 1;
      continue;
    }
    const end = placeholderEnd(source, i);
    const raw = source.slice(i, end.next);
    if (end.kind === "unclosed") {
      fail(i, null, (where) => `Unclosed {{ at ${where} (a placeholder ends with }} on the same line)`);
      text += raw;
    } else if (end.kind === "nested") {
      fail(i, raw, (where) => `Braces inside placeholder ${raw} at ${where} (placeholders cannot be nested)`);
      text += raw;
    } else {
      const name = source.slice(i + 2, end.next - 2).trim();
      const resolved = resolvePlaceholder(name);
      if (resolved) {
        flushText();
        segments.push(resolved);
      } else {
        text += raw;
        fail(i, raw, (where) => unknownMessage(name, raw, where));
      }
    }
    i = end.next;
  }
  flushText();
  return { segments, errors };
}

type PlaceholderEnd = { kind: "closed" | "unclosed" | "nested"; next: number };

/**
 * Where the placeholder opened at `start` ends. A line break, a lone `}` or the end of the text
 * before `}}` leaves it unclosed, and scanning resumes right after its `{{` (so one missing `}}`
 * does not swallow the rest). A `{` inside is nesting when the braces balance on that line
 * (`{{a{{b}}}}`, `{{{name}}}`: one error for the whole construct); otherwise (`{{name {{industry}}`)
 * the first `{{` is simply unclosed and the second still parses.
 */
function placeholderEnd(source: string, start: number): PlaceholderEnd {
  const unclosed = { kind: "unclosed", next: start + 2 } as const;
  for (let j = start + 2; j < source.length; j += 1) {
    const char = source[j];
    if (char === "\n" || char === "\r") return unclosed;
    if (char === "}") return source[j + 1] === "}" ? { kind: "closed", next: j + 2 } : unclosed;
    if (char === "{") {
      const balanced = balancedEnd(source, start);
      return balanced === null ? unclosed : { kind: "nested", next: balanced };
    }
  }
  return unclosed;
}

/** The offset after the brace that balances the `{` at `start`, or null if none on its line. */
function balancedEnd(source: string, start: number): number | null {
  let depth = 0;
  for (let j = start; j < source.length; j += 1) {
    const char = source[j];
    if (char === "\n" || char === "\r") return null;
    if (char === "{") depth += 1;
    if (char === "}") depth -= 1;
    if (depth === 0) return j + 1;
  }
  return null;
}

function resolvePlaceholder(name: string): TemplateSegment | null {
  if (name === TIER) return { kind: "tier" };
  if (name.startsWith(TECHNOLOGIES_PREFIX)) {
    const category = name.slice(TECHNOLOGIES_PREFIX.length);
    return isTechCategory(category) ? { kind: "category", category } : null;
  }
  const field = findField(name);
  return field ? { kind: "field", key: field.key as FieldKey } : null;
}

function isTechCategory(value: string): value is TechCategory {
  return TECH_CATEGORIES.includes(value);
}

function unknownMessage(name: string, raw: string, where: string): string {
  if (name === "") return `Empty placeholder ${raw} at ${where}`;
  const isCategory = name.startsWith(TECHNOLOGIES_PREFIX);
  const what = isCategory ? "Unknown technology category in" : "Unknown placeholder";
  const candidates = isCategory ? TECH_CATEGORIES.map((c) => `${TECHNOLOGIES_PREFIX}${c}`) : [...FIELD_LIST.map((f) => f.key), TIER];
  const suggestion = closest(name, candidates);
  return `${what} ${raw} at ${where}${suggestion ? ` (did you mean {{${suggestion}}}?)` : ""}`;
}

/**
 * The candidate a typo most likely meant: the same letters ignoring case, else the nearest within
 * one edit per four characters (at most two), so short unrelated words get no suggestion.
 */
function closest(name: string, candidates: readonly string[]): string | null {
  const lower = name.toLowerCase();
  const sameCase = candidates.find((candidate) => candidate.toLowerCase() === lower);
  if (sameCase) return sameCase;
  const allowed = Math.min(2, Math.max(1, Math.floor(name.length / 4)));
  let best: { candidate: string; distance: number } | null = null;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance <= allowed && (best === null || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate ?? null;
}

/** Edits (insert, delete, substitute, swap two neighbours) from a to b: "teir" is one from "tier". */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number) => d[i]?.[j] ?? 0;
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}

/** 1-based line and column of an offset; "\r\n", "\n" and "\r" each end a line. */
function positionFinder(source: string): (offset: number) => { line: number; column: number } {
  const lineStarts = [0];
  for (let i = 0; i < source.length; i += 1) {
    const char = source[i];
    if (char === "\r" && source[i + 1] === "\n") continue;
    if (char === "\n" || char === "\r") lineStarts.push(i + 1);
  }
  return (offset) => {
    let line = 0;
    while (line + 1 < lineStarts.length && (lineStarts[line + 1] ?? Infinity) <= offset) line += 1;
    const column = Array.from(source.slice(lineStarts[line] ?? 0, offset)).length + 1;
    return { line: line + 1, column };
  };
}
