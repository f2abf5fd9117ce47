import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** WCAG 2.0, 2.1 and 2.2 A and AA: what issue 13 holds every page to. */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

interface Scope {
  /** Check only inside these selectors (e.g. an open dialog). */
  include?: string[];
  /** Leave these out (third-party markup we do not render ourselves). */
  exclude?: string[];
}

/**
 * Runs axe-core on what the page shows now and fails on any serious or critical violation,
 * naming each rule and the elements it flagged, so a failure says what to fix.
 */
export async function expectAccessible(page: Page, where: string, scope: Scope = {}): Promise<void> {
  let builder = new AxeBuilder({ page }).withTags(WCAG_TAGS);
  for (const selector of scope.include ?? []) builder = builder.include(selector);
  for (const selector of scope.exclude ?? []) builder = builder.exclude(selector);
  const { violations } = await builder.analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = serious
    .map((v) => {
      const targets = v.nodes.slice(0, 8).map((n) => `    ${n.target.join(" ")}${n.failureSummary ? ` — ${n.failureSummary.split("\n").slice(1).join(" ").trim()}` : ""}`);
      const more = v.nodes.length > 8 ? [`    … and ${v.nodes.length - 8} more`] : [];
      return [`  ${v.id} (${v.impact}, ${v.nodes.length}×): ${v.help}`, ...targets, ...more].join("\n");
    })
    .join("\n");
  expect(serious, `${where}: serious or critical WCAG violations\n${report}`).toEqual([]);
}
