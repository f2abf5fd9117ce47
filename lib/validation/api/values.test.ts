import { describe, expect, test } from "vitest";
import { z } from "@/lib/validation/zod";
import { dateTimeValue, domainValue, moneyValue, reasonMessage } from "./values";

describe("API values on the import's normalisers", () => {
  test("domains normalise as in a CSV import; one that normalises to nothing is refused", () => {
    expect(domainValue().parse("https://www.Acme.com/about?x=1")).toBe("acme.com");
    for (const raw of ["", "  ", "https://", "www.", "acme"]) expect(domainValue().safeParse(raw).success, raw).toBe(false);
    expect(z.prettifyError(domainValue().safeParse(" ").error!)).toMatch(/Domain is empty/);
  });

  test("money rounds to cents and refuses negatives and overflow; date-times become UTC", () => {
    expect(moneyValue().parse(1250.499)).toBe("1250.50");
    expect(moneyValue().safeParse(-1).success).toBe(false);
    expect(moneyValue(1e12).safeParse(1e13).success).toBe(false);
    expect(dateTimeValue().parse("2026-03-12T14:05:00+02:00")).toBe("2026-03-12 12:05:00.000");
    expect(dateTimeValue().safeParse("2026-03-12").success).toBe(false);
  });

  test("a reason that reads after a field name gets the field's label", () => {
    expect(reasonMessage("Domain", "is empty")).toBe("Domain is empty");
    expect(reasonMessage("Domain", "'x' is not a web domain")).toBe("'x' is not a web domain");
  });
});
