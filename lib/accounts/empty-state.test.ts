import { describe, expect, test } from "vitest";
import { loadAccountQuery } from "@/lib/validation/account-query";
import { emptyStateFor } from "./empty-state";

const query = (search: string) => loadAccountQuery(new URLSearchParams(search));

describe("the accounts list's empty state", () => {
  test("a rep with no accounts is told none are assigned yet, with nothing to clear", () => {
    expect(emptyStateFor(query(""), 0, false)).toEqual({
      title: "No accounts yet",
      message: "You have no accounts assigned yet.",
      clearLink: false,
    });
  });

  test("sort, direction, page and size are not filters", () => {
    expect(emptyStateFor(query("sort=ltv&dir=asc&page=3&size=25"), 0, false)?.message).toBe("You have no accounts assigned yet.");
  });

  test.each(["q=acme", "region=EMEA", "tier=untiered", "segment=4", "tech=7", "owner=unassigned", "category=CRM", "device=MAC"])(
    "with %s and no matches, the list says nothing matches and offers to clear",
    (search) => {
      expect(emptyStateFor(query(search), 0, false)).toEqual({
        title: "No accounts match",
        message: "Try a different search or clear some filters.",
        clearLink: true,
      });
      expect(emptyStateFor(query(search), 0, true)?.title).toBe("No accounts match");
    },
  );

  test("a manager or admin with no accounts at all is not told about assignments", () => {
    const state = emptyStateFor(query(""), 0, true);
    expect(state).toMatchObject({ title: "No accounts yet", clearLink: false });
    expect(state?.message).not.toMatch(/assigned/);
  });

  test("a list with rows has no empty state", () => {
    expect(emptyStateFor(query(""), 1, false)).toBeNull();
    expect(emptyStateFor(query("q=acme"), 12, true)).toBeNull();
  });
});
