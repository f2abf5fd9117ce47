import { describe, expect, test } from "vitest";
import { floatArrayLiteral, intArrayLiteral, intArraysLiteral, parseJsonRows } from "./bulk-values";

describe("bulk values as one literal", () => {
  test("int[] with NULLs, float8[], and int[] elements of a text[] (empty ones included)", () => {
    expect(intArrayLiteral([1, null, 30])).toBe("{1,NULL,30}");
    expect(intArrayLiteral([])).toBe("{}");
    expect(floatArrayLiteral([0.1, 72.5, 100])).toBe("{0.1,72.5,100}");
    expect(intArraysLiteral([[1, 2], [], [14]])).toBe('{"{1,2}","{}","{14}"}');
  });

  test("rows read as JSON text", () => {
    expect(parseJsonRows([{ r: '[1, null, 3, [1, 2], [], "Health \\"care\\""]' }])).toEqual([[1, null, 3, [1, 2], [], 'Health "care"']]);
  });
});
