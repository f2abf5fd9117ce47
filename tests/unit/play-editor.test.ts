import { describe, expect, it } from "vitest";
import { insertText } from "@/components/plays/editor/insert-text";
import { audiencePreviewInput, definitionJson, formFromDefinition, newPlayForm } from "@/components/plays/editor/play-form";
import { audienceProblems, checkDefinition, mergeIssues, placeFieldErrors, placeIssues, visibleIssues } from "@/components/plays/editor/play-issues";
import { EMPTY_AUDIENCE, type PlayDefinition } from "@/lib/plays/definition";

const definition: PlayDefinition = {
  name: "Cloud ERP migration",
  goal: "Move on-premise ERP to the cloud",
  kind: "MIGRATION",
  audience: {
    ...EMPTY_AUDIENCE,
    tiers: ["t1"],
    segmentsAll: [3],
    whitespace: ["MARKETING_AUTOMATION"],
    rule: { kind: "group", op: "and", children: [{ kind: "condition", id: "c1", field: "hostingPreference", operator: "any_of", value: ["ON_PREMISE"] }] },
  },
  pitch: "Hello {{name}}",
  talkingPoints: ["Runs {{technologies.ERP}}"],
  channel: "BEST",
  priority: 70,
  startsOn: "2026-03-01",
  endsOn: null,
};

describe("play form", () => {
  it("turns a definition into the form and back without changing it", () => {
    const json = definitionJson(formFromDefinition(definition));
    expect(json).toEqual(definition);
    expect(checkDefinition(json).definition).toEqual(definition);
  });

  it("sends a blank priority as null (the schema says what a priority is) and blank dates as null", () => {
    const json = definitionJson({ ...newPlayForm(), priority: " ", startsOn: "" });
    expect(json.priority).toBeNull();
    expect(json.startsOn).toBeNull();
  });

  it("previews the audience with valid stand-ins for everything else", () => {
    const json = definitionJson({ ...newPlayForm(), tiers: ["t1"] });
    const { definition: checked, issues } = checkDefinition(audiencePreviewInput(json));
    expect(issues.fields).toEqual({});
    expect(checked?.audience.tiers).toEqual(["t1"]);
  });
});

describe("placing issues", () => {
  it("places issues by path: fields, talking points, audience parts and rule conditions", () => {
    const placed = placeIssues([
      { path: ["name"], message: "Give the play a name." },
      { path: ["pitch"], message: "Unknown placeholder {{lifetimeValu}} at line 2, column 16 (did you mean {{lifetimeValue}}?)" },
      { path: ["pitch"], message: "Unclosed {{ at line 3, column 1" },
      { path: ["talkingPoints", 2], message: "Empty placeholder {{}} at line 1, column 4" },
      { path: ["audience"], message: "Choose who the play is for" },
      { path: ["audience", "segmentsAll"], message: "a chosen segment no longer exists" },
      { path: ["audience", "whitespace", 0], message: "Choose technology categories from the list." },
      { path: ["audience", "rule", "children", 1, "value"], message: "Condition 2: value must be a number" },
      { path: ["somethingElse"], message: "Odd" },
    ]);
    expect(placed.fields.name).toEqual(["Give the play a name."]);
    expect(placed.fields.pitch).toHaveLength(2);
    expect(placed.talkingPoints).toEqual({ 2: ["Empty placeholder {{}} at line 1, column 4"] });
    expect(placed.fields.audience).toEqual(["Choose who the play is for"]);
    expect(placed.fields.segmentsAll).toEqual(["a chosen segment no longer exists"]);
    expect(placed.fields.whitespace).toEqual(["Choose technology categories from the list."]);
    expect(placed.rule).toEqual([{ severity: "error", message: "Condition 2: value must be a number", conditionId: null, path: ["children", 1, "value"] }]);
    expect(placed.other).toEqual(["Odd"]);
    expect(audienceProblems(placed).map((i) => i.message)).toEqual([
      "Choose who the play is for",
      "a chosen segment no longer exists",
      "Choose technology categories from the list.",
      "Condition 2: value must be a number",
    ]);
  });

  it("the browser's check names an unknown placeholder with its position, next to the pitch", () => {
    const form = { ...formFromDefinition(definition), pitch: "Hello {{name}},\nyou have spent {{lifetimeValu}}." };
    const { definition: checked, issues } = checkDefinition(definitionJson(form));
    expect(checked).toBeNull();
    expect(issues.fields.pitch).toEqual(["Unknown placeholder {{lifetimeValu}} at line 2, column 16 (did you mean {{lifetimeValue}}?)"]);
  });

  it("the browser's check puts an end before the start on the end date, and an empty audience on the audience", () => {
    const form = { ...formFromDefinition(definition), startsOn: "2026-05-01", endsOn: "2026-04-01", tiers: [], segmentsAll: [], whitespace: [], rule: newPlayForm().rule };
    const { issues } = checkDefinition(definitionJson(form));
    expect(issues.fields.endsOn).toEqual(["The end date is before the start date."]);
    expect(issues.fields.audience?.[0]).toMatch(/Choose who the play is for/);
  });

  it("places a refused save's fieldErrors by name; what has no field is left for the banner", () => {
    expect(placeFieldErrors({ name: 'A play named "X" already exists.' }).fields).toEqual({ name: ['A play named "X" already exists.'] });
    const rule = placeFieldErrors({ value: "Condition 1: unknown technology 99" });
    expect(rule.fields).toEqual({});
    expect(rule.other).toEqual(["Condition 1: unknown technology 99"]);
  });

  it("shows problems with what was typed at once, and those of untouched fields after a save was tried", () => {
    const form = { ...newPlayForm(), pitch: "Hi {{nme}}", talkingPoints: [{ key: "a", text: "" }, { key: "b", text: "{{x}}" }] };
    const { issues } = checkDefinition(definitionJson(form));
    const live = visibleIssues(issues, form, false);
    expect(Object.keys(live.fields).sort()).toEqual(["pitch"]);
    expect(Object.keys(live.talkingPoints)).toEqual(["1"]);
    const all = visibleIssues(issues, form, true);
    expect(Object.keys(all.fields).sort()).toEqual(["audience", "goal", "name", "pitch"]);
  });

  it("merges issues without repeating a message", () => {
    const a = placeIssues([{ path: ["name"], message: "Taken" }]);
    const b = placeIssues([{ path: ["name"], message: "Taken" }, { path: ["goal"], message: "Say what" }]);
    expect(mergeIssues(a, b).fields).toEqual({ name: ["Taken"], goal: ["Say what"] });
  });
});

describe("inserting a placeholder", () => {
  it("replaces the selection and puts the cursor after the placeholder", () => {
    expect(insertText("Hello , welcome", { start: 6, end: 6 }, "{{name}}")).toEqual({ value: "Hello {{name}}, welcome", caret: 14 });
    expect(insertText("Hello NAME!", { start: 6, end: 10 }, "{{name}}")).toEqual({ value: "Hello {{name}}!", caret: 14 });
  });

  it("appends with a space when the cursor is unknown", () => {
    expect(insertText("Hello", null, "{{name}}")).toEqual({ value: "Hello {{name}}", caret: 14 });
    expect(insertText("", null, "{{tier}}")).toEqual({ value: "{{tier}}", caret: 8 });
  });
});
