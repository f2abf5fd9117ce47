/**
 * Problems with a play definition, placed next to what they are about: a form field, one talking
 * point, a condition of the extra rule (through the rule builder's own placement, issues.ts), or
 * the form as a whole. The same placement serves the browser's check, the live preview's issues
 * (full paths) and a refused save or create (fieldErrors keyed by field name).
 */
import type { FieldErrors } from "@/lib/errors";
import { playDefinitionSchema, type PlayDefinition } from "@/lib/plays/definition";
import type { RuleIssue } from "@/components/rules/issues";
import type { PlayDefinitionJson, PlayForm } from "./play-form";

const TOP_FIELDS = ["name", "goal", "kind", "channel", "priority", "startsOn", "endsOn", "pitch", "talkingPoints"] as const;
const AUDIENCE_FIELDS = ["tiers", "segmentsAll", "segmentsAny", "whitespace"] as const;

export type AudienceField = (typeof AUDIENCE_FIELDS)[number] | "audience";
export type PlayField = (typeof TOP_FIELDS)[number] | AudienceField;

export interface PlayIssues {
  /** Messages per field, first first (a pitch can have several placeholder errors). */
  fields: Partial<Record<PlayField, string[]>>;
  /** Messages per talking point, by its row in the form. */
  talkingPoints: Record<number, string[]>;
  /** Issues inside the extra rule, with paths from the rule's root (what the rule builder places). */
  rule: RuleIssue[];
  /** Issues with no place in the form. */
  other: string[];
}

export interface PathIssue {
  path: readonly PropertyKey[];
  message: string;
}

export function noIssues(): PlayIssues {
  return { fields: {}, talkingPoints: {}, rule: [], other: [] };
}

const includes = <T extends string>(list: readonly T[], value: unknown): value is T => (list as readonly unknown[]).includes(value);

function add(list: readonly string[] | undefined, message: string): string[] {
  return list?.includes(message) ? [...list] : [...(list ?? []), message];
}

/** `list` with the messages of `more` it does not have yet, in order. */
function addAll(list: readonly string[] | undefined, more: readonly string[]): string[] {
  return more.reduce<string[]>((out, message) => add(out, message), [...(list ?? [])]);
}

/** Issues with full paths from the definition's root (zod issues, the preview's issues). */
export function placeIssues(issues: readonly PathIssue[]): PlayIssues {
  const out = noIssues();
  for (const { path, message } of issues) {
    const [first, second] = path;
    if (first === "audience" && second === "rule") {
      const rest = path.slice(2).filter((p): p is string | number => typeof p === "string" || typeof p === "number");
      out.rule.push({ severity: "error", message, conditionId: null, path: rest });
    } else if (first === "audience") {
      const field: AudienceField = includes(AUDIENCE_FIELDS, second) ? second : "audience";
      out.fields[field] = add(out.fields[field], message);
    } else if (first === "talkingPoints" && typeof second === "number") {
      out.talkingPoints[second] = add(out.talkingPoints[second], message);
    } else if (includes(TOP_FIELDS, first)) {
      out.fields[first] = add(out.fields[first], message);
    } else {
      out.other = add(out.other, message);
    }
  }
  return out;
}

/**
 * A refused create or save: the action keys each message by the last name in its path, so a
 * talking point's error names no row and a rule's ("value", "children") no condition. Those go
 * to the list or the form as a whole; the live preview places rule problems on their condition.
 */
export function placeFieldErrors(fieldErrors: FieldErrors): PlayIssues {
  const out = noIssues();
  for (const [key, message] of Object.entries(fieldErrors)) {
    if (includes(TOP_FIELDS, key) || includes(AUDIENCE_FIELDS, key) || key === "audience") out.fields[key] = [message];
    else out.other = add(out.other, message);
  }
  return out;
}

/**
 * Check a definition in the browser with the server's schema (the server adds which ids exist):
 * the definition as the schema reads it, or its problems placed.
 */
export function checkDefinition(json: PlayDefinitionJson): { definition: PlayDefinition; issues: PlayIssues } | { definition: null; issues: PlayIssues } {
  const parsed = playDefinitionSchema().safeParse(json);
  return parsed.success ? { definition: parsed.data, issues: noIssues() } : { definition: null, issues: placeIssues(parsed.error.issues) };
}

/** Whether the audience (tiers, segments, whitespace, rule) has problems: then it cannot be previewed. */
export function audienceProblems(issues: PlayIssues): RuleIssue[] {
  const general = (["audience", ...AUDIENCE_FIELDS] as const).flatMap((field) => issues.fields[field] ?? []);
  return [...general.map((message): RuleIssue => ({ severity: "error", message, conditionId: null, path: null })), ...issues.rule];
}

const isBlank = (value: string | readonly string[]) => (typeof value === "string" ? value.trim() === "" : value.length === 0);

/**
 * What to show while someone types: problems with what they have written (an unknown
 * placeholder, an end before the start) at once, but "give the play a name" on a field nobody
 * has filled yet only after a save was tried (`revealAll`). Problems with chosen tiers and
 * segments (gone since the page loaded) always show.
 */
export function visibleIssues(issues: PlayIssues, form: PlayForm, revealAll: boolean): PlayIssues {
  if (revealAll) return issues;
  const fields: PlayIssues["fields"] = {};
  for (const [field, messages] of Object.entries(issues.fields) as [PlayField, string[]][]) {
    const shown =
      field === "audience" ? false : field === "talkingPoints" || includes(AUDIENCE_FIELDS, field) || field === "kind" || field === "channel" ? true : !isBlank(form[field]);
    if (shown) fields[field] = messages;
  }
  const talkingPoints = Object.fromEntries(Object.entries(issues.talkingPoints).filter(([i]) => !isBlank(form.talkingPoints[Number(i)]?.text ?? "")));
  return { fields, talkingPoints, rule: issues.rule, other: issues.other };
}

/** Two sets of issues as one (the browser's check, then the server's answer). */
export function mergeIssues(a: PlayIssues, b: PlayIssues): PlayIssues {
  const fields: PlayIssues["fields"] = { ...a.fields };
  for (const [field, messages] of Object.entries(b.fields) as [PlayField, string[]][]) fields[field] = addAll(fields[field], messages);
  const talkingPoints: PlayIssues["talkingPoints"] = { ...a.talkingPoints };
  for (const [i, messages] of Object.entries(b.talkingPoints)) talkingPoints[Number(i)] = addAll(talkingPoints[Number(i)], messages);
  const ruleMessages = new Set(a.rule.map((r) => r.message));
  return {
    fields,
    talkingPoints,
    rule: [...a.rule, ...b.rule.filter((r) => !ruleMessages.has(r.message))],
    other: addAll(a.other, b.other),
  };
}
