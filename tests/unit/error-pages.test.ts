/**
 * The error pages a browser sees when a page fails on the server. Next.js sends only the error's
 * digest to the browser; an unreachable database carries its own (lib/db/unavailable.ts), so the
 * page says the database is out of reach and to try again, never a stack or a blank page.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import AppErrorPage from "@/app/(app)/error";
import GlobalError from "@/app/global-error";
import { databaseUnavailable } from "@/lib/db/unavailable";

/** What reaches the browser: a generic message and the digest (production builds strip the rest). */
function asSentToBrowser(digest: string): Error & { digest: string } {
  return Object.assign(new Error("An error occurred in the Server Components render."), { digest });
}

const reset = () => {};

describe.each([
  ["the app's error page", AppErrorPage],
  ["the global error page", GlobalError],
])("%s", (_name, Page) => {
  test("an unreachable database: the database message and a way to try again", () => {
    const html = renderToStaticMarkup(createElement(Page, { error: asSentToBrowser(databaseUnavailable().digest), reset }));
    expect(html).toContain("Tierwise cannot reach its database right now");
    expect(html).toContain("try again in a moment");
    expect(html).toContain("Try again");
    expect(html).not.toContain("Something went wrong");
    expect(html).not.toMatch(/\bat \S+:\d+/); // no stack frame
  });

  test("anything else: the generic message", () => {
    const html = renderToStaticMarkup(createElement(Page, { error: asSentToBrowser("1234567890"), reset }));
    expect(html).toContain("Something went wrong");
    expect(html).not.toContain("database");
  });
});
