import Papa from "papaparse";
import { describe, expect, test } from "vitest";
import { csvCell, csvRow } from "@/lib/utils/csv";

describe("csvCell: formula injection", () => {
  test.each([
    ["=HYPERLINK(\"x\")", `"'=HYPERLINK(""x"")"`],
    ["=1+2", "'=1+2"],
    ["+1+2", "'+1+2"],
    ["-1+2", "'-1+2"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\tx", "'\tx"],
    // The quote goes first; the carriage return then makes the field quoted.
    ["\rx", `"'\rx"`],
    ["-5", "'-5"],
  ])("neutralises text %j", (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  // Spreadsheets skip leading blanks and fold compatibility forms, so these run as formulas too.
  test.each([
    ["  =1+1", "'  =1+1"],
    ["\n=cmd", `"'\n=cmd"`],
    ["\r\n=cmd", `"'\r\n=cmd"`],
    ["\t=1", "'\t=1"],
    ["\u00a0@SUM(A1)", "'\u00a0@SUM(A1)"],
    ["\u3000+1", "'\u3000+1"],
    ["\ufeff=1", "'\ufeff=1"],
    ["\u200b=1", "'\u200b=1"],
    ["＝HYPERLINK(\"http://x\")", `"'＝HYPERLINK(""http://x"")"`],
    ["＋1", "'＋1"],
    ["－1", "'－1"],
    ["＠SUM(A1)", "'＠SUM(A1)"],
    ["﹦1", "'﹦1"],
    [" \u00a0\t ＝1", "' \u00a0\t ＝1"],
    ["\nplain", `"'\nplain"`],
    ["-", "'-"],
    ["=", "'="],
  ])("neutralises %j after NFKC and leading whitespace", (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  test.each([
    "Acme GmbH",
    "  leading spaces",
    "\u00a0nbsp name",
    "Ｆｕｌｌｗｉｄｔｈ",
    "1-2",
    "a = b",
    "x@y.com",
    "café",
    "−5",
  ])("leaves harmless text %j unchanged", (input) => {
    expect(csvCell(input)).toBe(input);
  });

  test("leaves text that only contains those characters later alone", () => {
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell("Smith-Jones")).toBe("Smith-Jones");
    expect(csvCell("x@y.com")).toBe("x@y.com");
  });

  test("writes numbers as numbers, negative ones included", () => {
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(1234.5)).toBe("1234.5");
    expect(csvCell(0)).toBe("0");
    expect(csvCell(Number.NaN)).toBe("");
    expect(csvCell(Number.POSITIVE_INFINITY)).toBe("");
  });

  test("writes null and undefined as empty cells", () => {
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });
});

describe("csvCell: RFC 4180 quoting", () => {
  test.each([
    ["plain", "plain"],
    ["a,b", `"a,b"`],
    ['say "hi"', `"say ""hi"""`],
    ["line\nbreak", `"line\nbreak"`],
    ["cr\rinside", `"cr\rinside"`],
    ["", ""],
  ])("%j", (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });
});

describe("csvRow", () => {
  test("joins cells with commas and ends with CRLF", () => {
    expect(csvRow(["a", 1, null, "b,c"])).toBe(`a,1,,"b,c"\r\n`);
  });

  test("round-trips through a CSV parser, with neutralised cells keeping their text", () => {
    const values = ["=cmd|' /C calc'!A0", "-1+2", "@SUM(1)", "\tx", "\rx", 'q"uote', "multi\r\nline", "ok"];
    const parsed = Papa.parse<string[]>(csvRow(values) + csvRow([-5, 3.25]), { header: false, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data[0]).toEqual(["'=cmd|' /C calc'!A0", "'-1+2", "'@SUM(1)", "'\tx", "'\rx", 'q"uote', "multi\r\nline", "ok"]);
    expect(parsed.data[1]).toEqual(["-5", "3.25"]);
  });
});
