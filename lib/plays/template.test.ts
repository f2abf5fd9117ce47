import { describe, expect, test } from "vitest";
import { FIELD_LIST } from "@/lib/segmentation/fields";
import { TECH_CATEGORIES } from "@/lib/segmentation/options";
import { parseTemplate, scanTemplate, TEMPLATE_MAX_LENGTH, TEMPLATE_PLACEHOLDERS, type TemplateError } from "@/lib/plays/template";

function errorsOf(source: string): TemplateError[] {
  const result = parseTemplate(source);
  if (result.ok) throw new Error(`expected errors for ${JSON.stringify(source)}`);
  return result.errors;
}

function messages(source: string): string[] {
  return errorsOf(source).map((error) => error.message);
}

describe("parseTemplate: valid templates", () => {
  test("text and placeholders in order", () => {
    const result = parseTemplate("Hi {{name}}, you spent {{lifetimeValue}} on {{technologies.ERP}} ({{tier}}).");
    expect(result).toEqual({
      ok: true,
      template: {
        segments: [
          { kind: "text", text: "Hi " },
          { kind: "field", key: "name" },
          { kind: "text", text: ", you spent " },
          { kind: "field", key: "lifetimeValue" },
          { kind: "text", text: " on " },
          { kind: "category", category: "ERP" },
          { kind: "text", text: " (" },
          { kind: "tier" },
          { kind: "text", text: ")." },
        ],
      },
    });
  });

  test("every registry field and every technology category is a placeholder", () => {
    for (const field of FIELD_LIST) {
      expect(parseTemplate(`{{${field.key}}}`)).toEqual({ ok: true, template: { segments: [{ kind: "field", key: field.key }] } });
    }
    for (const category of TECH_CATEGORIES) {
      expect(parseTemplate(`{{technologies.${category}}}`)).toEqual({ ok: true, template: { segments: [{ kind: "category", category }] } });
    }
  });

  test("the help list offers exactly what the parser accepts", () => {
    expect(TEMPLATE_PLACEHOLDERS).toHaveLength(FIELD_LIST.length + TECH_CATEGORIES.length + 1);
    for (const { placeholder } of TEMPLATE_PLACEHOLDERS) expect(parseTemplate(placeholder).ok).toBe(true);
    expect(TEMPLATE_PLACEHOLDERS).toContainEqual({ placeholder: "{{technologies.MARKETING_AUTOMATION}}", label: "Technologies: Marketing automation" });
    expect(TEMPLATE_PLACEHOLDERS).toContainEqual({ placeholder: "{{lifetimeValue}}", label: "Lifetime value" });
  });

  test("spaces inside the braces are allowed", () => {
    expect(parseTemplate("{{ name }}")).toEqual({ ok: true, template: { segments: [{ kind: "field", key: "name" }] } });
  });

  test("plain text, single braces and the empty string are literal", () => {
    expect(parseTemplate("")).toEqual({ ok: true, template: { segments: [] } });
    expect(parseTemplate("a {single} brace, a } and a {")).toEqual({
      ok: true,
      template: { segments: [{ kind: "text", text: "a {single} brace, a } and a {" }] },
    });
  });

  test("line breaks are kept in the text", () => {
    const result = parseTemplate("Line one\r\n- {{industry}}\n- done");
    expect(result.ok && result.template.segments).toEqual([
      { kind: "text", text: "Line one\r\n- " },
      { kind: "field", key: "industry" },
      { kind: "text", text: "\n- done" },
    ]);
  });

  test("inherited object keys are not placeholders", () => {
    expect(messages("{{__proto__}} {{constructor}} {{toString}}")).toHaveLength(3);
  });
});

describe("parseTemplate: errors name the placeholder and its position", () => {
  test("unknown placeholder on line 2 (the issue's example), with a suggestion", () => {
    expect(errorsOf("Hello {{name}},\nyou have spent {{lifetimeValu}} with us")).toEqual([
      {
        message: "Unknown placeholder {{lifetimeValu}} at line 2, column 16 (did you mean {{lifetimeValue}}?)",
        placeholder: "{{lifetimeValu}}",
        line: 2,
        column: 16,
      },
    ]);
  });

  test("an unknown placeholder far from any key gets no suggestion; short ones need to be close", () => {
    expect(messages("x\n  y {{favouriteColour}}")).toEqual(["Unknown placeholder {{favouriteColour}} at line 2, column 5"]);
    expect(messages("{{nope}}")).toEqual(["Unknown placeholder {{nope}} at line 1, column 1"]);
    expect(messages("{{nme}}")).toEqual(["Unknown placeholder {{nme}} at line 1, column 1 (did you mean {{name}}?)"]);
    expect(messages("{{teir}}")).toEqual(["Unknown placeholder {{teir}} at line 1, column 1 (did you mean {{tier}}?)"]);
  });

  test("case mistakes are suggested with the right case", () => {
    expect(messages("{{LifetimeValue}}")).toEqual(["Unknown placeholder {{LifetimeValue}} at line 1, column 1 (did you mean {{lifetimeValue}}?)"]);
    expect(messages("{{technologies.erp}}")).toEqual([
      "Unknown technology category in {{technologies.erp}} at line 1, column 1 (did you mean {{technologies.ERP}}?)",
    ]);
  });

  test("unknown technology category", () => {
    expect(messages("Runs {{technologies.MAINFRAME}}")).toEqual(["Unknown technology category in {{technologies.MAINFRAME}} at line 1, column 6"]);
    expect(messages("{{technologies.}}")).toHaveLength(1);
  });

  test("empty placeholder", () => {
    expect(errorsOf("a {{}} b {{  }}")).toEqual([
      { message: "Empty placeholder {{}} at line 1, column 3", placeholder: "{{}}", line: 1, column: 3 },
      { message: "Empty placeholder {{  }} at line 1, column 10", placeholder: "{{  }}", line: 1, column: 10 },
    ]);
  });

  test("unclosed {{ at the end, before a line break, and before a lone }", () => {
    expect(messages("Hi {{name")).toEqual(["Unclosed {{ at line 1, column 4 (a placeholder ends with }} on the same line)"]);
    expect(messages("Hi {{name\n}} there")).toEqual([
      "Unclosed {{ at line 1, column 4 (a placeholder ends with }} on the same line)",
      "Unexpected }} at line 2, column 1 (a placeholder starts with {{)",
    ]);
    expect(messages("Hi {{name} and {{industry}}")).toEqual(["Unclosed {{ at line 1, column 4 (a placeholder ends with }} on the same line)"]);
  });

  test("a missing }} does not hide the next placeholder", () => {
    const scan = scanTemplate("{{name and {{industry}}");
    expect(scan.errors.map((e) => e.message)).toEqual(["Unclosed {{ at line 1, column 1 (a placeholder ends with }} on the same line)"]);
    expect(scan.segments).toEqual([{ kind: "text", text: "{{name and " }, { kind: "field", key: "industry" }]);
  });

  test("nested braces are one error for the whole construct", () => {
    expect(errorsOf("x {{a{{name}}b}} y")).toEqual([
      {
        message: "Braces inside placeholder {{a{{name}}b}} at line 1, column 3 (placeholders cannot be nested)",
        placeholder: "{{a{{name}}b}}",
        line: 1,
        column: 3,
      },
    ]);
    expect(messages("{{{name}}}")).toEqual(["Braces inside placeholder {{{name}}} at line 1, column 1 (placeholders cannot be nested)"]);
  });

  test("a stray }} is rejected", () => {
    expect(messages("Dear name}}")).toEqual(["Unexpected }} at line 1, column 10 (a placeholder starts with {{)"]);
  });

  test("every error is reported, in order", () => {
    expect(errorsOf("{{nme}}\n{{}}\n\n   {{technologies.X}}").map(({ line, column }) => [line, column])).toEqual([
      [1, 1],
      [2, 1],
      [4, 4],
    ]);
  });

  test("columns count characters, not UTF-16 units; \\r\\n and \\r end lines", () => {
    expect(messages("😀😀 {{nope}}")).toEqual(["Unknown placeholder {{nope}} at line 1, column 4"]);
    expect(messages("a\r\nb\rc {{nope}}")).toEqual(["Unknown placeholder {{nope}} at line 3, column 3"]);
  });

  test("too long: one error pointing where the excess starts", () => {
    expect(parseTemplate("x".repeat(TEMPLATE_MAX_LENGTH)).ok).toBe(true);
    const longLine = "y".repeat(TEMPLATE_MAX_LENGTH - 10);
    expect(errorsOf(`${longLine}\n0123456789abc{{nope}}`)).toEqual([
      {
        message: "The text is too long: 4,012 characters, at most 4,000 (the excess starts at line 2, column 10)",
        placeholder: null,
        line: 2,
        column: 10,
      },
    ]);
  });
});
