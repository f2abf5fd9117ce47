/**
 * The play editor's working copy of a play definition, and the JSON the actions take. Like the
 * rule builder's tree, the form is looser than PlayDefinition while someone types (priority and
 * dates as text, a blank talking point), and `definitionJson` keeps the definition's shape, so
 * every issue path the schema reports (["audience", "rule", "children", 0, "value"],
 * ["talkingPoints", 2]) addresses the same place in the form.
 */
import type { TechCategory } from "@/lib/generated/prisma/enums";
import type { PlayDefinition } from "@/lib/plays/definition";
import { BEST_CHANNEL, type ChannelChoice, type PlayKind } from "@/lib/plays/kinds";
import { fromRuleJson, newId, toRuleJson, type EditorGroup } from "@/components/rules/rule-tree";

export interface TalkingPointRow {
  /** Client-only key for React and focus; not saved. */
  key: string;
  text: string;
}

export interface PlayForm {
  name: string;
  goal: string;
  kind: PlayKind;
  channel: ChannelChoice;
  /** As typed: "" or a whole number. */
  priority: string;
  /** ISO days as the date inputs give them; "" for none. */
  startsOn: string;
  endsOn: string;
  tiers: string[];
  /** Segment ids as option values (strings). */
  segmentsAll: string[];
  segmentsAny: string[];
  whitespace: TechCategory[];
  rule: EditorGroup;
  pitch: string;
  talkingPoints: TalkingPointRow[];
}

export const DEFAULT_PRIORITY = 50;

/** A new play: nothing chosen yet; every key is fixed so the server and the browser render the same. */
export function newPlayForm(): PlayForm {
  return {
    name: "",
    goal: "",
    kind: "CROSS_SELL",
    channel: BEST_CHANNEL,
    priority: String(DEFAULT_PRIORITY),
    startsOn: "",
    endsOn: "",
    tiers: [],
    segmentsAll: [],
    segmentsAny: [],
    whitespace: [],
    rule: fromRuleJson({ kind: "group", op: "and", children: [] }),
    pitch: "",
    talkingPoints: [{ key: "tp0", text: "" }],
  };
}

export function formFromDefinition(definition: PlayDefinition): PlayForm {
  const { audience } = definition;
  return {
    name: definition.name,
    goal: definition.goal,
    kind: definition.kind,
    channel: definition.channel,
    priority: String(definition.priority),
    startsOn: definition.startsOn ?? "",
    endsOn: definition.endsOn ?? "",
    tiers: [...audience.tiers],
    segmentsAll: audience.segmentsAll.map(String),
    segmentsAny: audience.segmentsAny.map(String),
    whitespace: [...audience.whitespace],
    rule: fromRuleJson(audience.rule),
    pitch: definition.pitch,
    talkingPoints: definition.talkingPoints.map((text, i) => ({ key: `tp${i}`, text })),
  };
}

/** Nothing chosen yet for the audience (the schema refuses that; the preview waits for a first choice). */
export function isAudienceEmpty(form: PlayForm): boolean {
  return form.tiers.length + form.segmentsAll.length + form.segmentsAny.length + form.whitespace.length + form.rule.children.length === 0;
}

/** A blank talking point row with a fresh key. */
export function newTalkingPoint(): TalkingPointRow {
  return { key: `tp-${newId()}`, text: "" };
}

/** "50" -> 50; "" or anything not a number -> null (the schema then says what a priority is). */
function priorityValue(text: string): number | null {
  if (text.trim() === "") return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/** The definition as the actions take it (validated there, and in the browser first). */
export function definitionJson(form: PlayForm) {
  return {
    name: form.name,
    goal: form.goal,
    kind: form.kind,
    audience: {
      tiers: form.tiers,
      segmentsAll: form.segmentsAll.map(Number),
      segmentsAny: form.segmentsAny.map(Number),
      whitespace: form.whitespace,
      rule: toRuleJson(form.rule),
    },
    pitch: form.pitch,
    talkingPoints: form.talkingPoints.map((p) => p.text),
    channel: form.channel,
    priority: priorityValue(form.priority),
    startsOn: form.startsOn || null,
    endsOn: form.endsOn || null,
  };
}

export type PlayDefinitionJson = ReturnType<typeof definitionJson>;

/**
 * What the live preview sends: the audience with fixed, valid stand-ins for everything else.
 * The preview counts only the audience, and an admin builds it before the pitch is written;
 * sending the real name, goal and pitch would hold the count back until all of them are valid.
 */
export function audiencePreviewInput(json: PlayDefinitionJson): PlayDefinitionJson {
  return {
    name: "Preview",
    goal: "Preview",
    kind: json.kind,
    audience: json.audience,
    pitch: "Preview",
    talkingPoints: [],
    channel: BEST_CHANNEL,
    priority: DEFAULT_PRIORITY,
    startsOn: null,
    endsOn: null,
  };
}
