/**
 * Every page and route that reads an id or a number from the URL answers a value that cannot be
 * one (too large for int4, negative, exponent or hex notation, NaN, empty, 10,000 digits) with an
 * empty result, a 404 or a 400: never a 500, a raw database error or a cut-off export. Pages and
 * route handlers are called as functions, as Next.js would call them.
 */
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { apiKey, resetApiTables } from "../support/api-calls";
import { createAccount, createUser, publishSegment } from "../support/fixtures";
import { resetDatabase } from "../support/reset-db";
import { session, sessionModuleMock } from "../support/session-mock";

vi.mock("@/lib/auth/session", () => sessionModuleMock());

const BAD = ["99999999999", "-1", "1e3", "0x10", "NaN", "", "9".repeat(10_000), "1.5", " 7", "2147483648"];

type Page = (props: { params: Promise<Record<string, string>>; searchParams: Promise<Record<string, string>> }) => Promise<unknown>;
type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

type PageModule = { default: Page; generateMetadata?: Page };
// Static imports (a bundler resolves these paths; it cannot resolve a template string).
const PAGES = {
  "accounts/(list)/page": () => import("@/app/(app)/accounts/(list)/page"),
  "accounts/[id]/page": () => import("@/app/(app)/accounts/[id]/page"),
  "accounts/[id]/layout": () => import("@/app/(app)/accounts/[id]/layout"),
  "segments/[id]/page": () => import("@/app/(app)/segments/[id]/page"),
  "admin/rules/segments/[id]/page": () => import("@/app/(app)/admin/rules/segments/[id]/page"),
  "admin/plays/[id]/page": () => import("@/app/(app)/admin/plays/[id]/page"),
  "today/page": () => import("@/app/(app)/today/page"),
  "admin/import/page": () => import("@/app/(app)/admin/import/page"),
  "admin/jobs/page": () => import("@/app/(app)/admin/jobs/page"),
  "admin/audit/page": () => import("@/app/(app)/admin/audit/page"),
  "admin/plays/(overview)/page": () => import("@/app/(app)/admin/plays/(overview)/page"),
  "matrix/page": () => import("@/app/(app)/matrix/page"),
} as const;
const ROUTES = {
  "(app)/accounts/export/route": () => import("@/app/(app)/accounts/export/route"),
  "(app)/today/export/route": () => import("@/app/(app)/today/export/route"),
  "api/import/jobs/[id]/route": () => import("@/app/api/import/jobs/[id]/route"),
  "api/import/jobs/[id]/errors/route": () => import("@/app/api/import/jobs/[id]/errors/route"),
  "api/import/uploads/[id]/route": () => import("@/app/api/import/uploads/[id]/route"),
  "api/v1/accounts/route": () => import("@/app/api/v1/accounts/route"),
  "api/v1/accounts/[id]/route": () => import("@/app/api/v1/accounts/[id]/route"),
  "api/v1/segments/[id]/members/route": () => import("@/app/api/v1/segments/[id]/members/route"),
  "api/v1/tiers/[key]/members/route": () => import("@/app/api/v1/tiers/[key]/members/route"),
  "api/v1/webhooks/[id]/route": () => import("@/app/api/v1/webhooks/[id]/route"),
  "api/v1/membership-changes/route": () => import("@/app/api/v1/membership-changes/route"),
} as const;
const page = async (path: keyof typeof PAGES) => (await PAGES[path]()) as unknown as PageModule;
const route = async (path: keyof typeof ROUTES) => (await ROUTES[path]()) as unknown as Record<"GET" | "PUT" | "DELETE", Handler>;

/** A page's outcome: rendered, or a 404 (notFound()); anything else thrown fails the test. */
async function render(load: Promise<PageModule>, params: Record<string, string>, searchParams: Record<string, string> = {}) {
  const loaded = await load;
  const props = () => ({ params: Promise.resolve(params), searchParams: Promise.resolve(searchParams) });
  try {
    await loaded.generateMetadata?.(props());
    await loaded.default(props());
    return "rendered";
  } catch (error) {
    const digest = (error as { digest?: unknown }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;404")) return "404";
    if (isAppError(error) && error.code === "NOT_FOUND") return "404";
    throw error;
  }
}

/** A CSV export read to its end: it must be whole (its header, every line ended). */
async function wholeCsv(response: Response): Promise<string[]> {
  expect(response.status).toBe(200);
  const text = await response.text();
  expect(text.endsWith("\r\n")).toBe(true);
  return text.replace(/^\uFEFF/, "").trim().split("\r\n");
}

let admin: SessionUser;
let rep: SessionUser;
let key: string;
let accountId: number;

beforeAll(async () => {
  await resetDatabase();
  await resetApiTables();
  admin = await createUser("ADMIN", "admin@test.local");
  rep = await createUser("REP", "rep@test.local");
  accountId = await createAccount({ name: "Only One", ownerId: rep.id });
  await publishSegment("Everyone", { all: [] });
  key = await apiKey(["accounts:read", "segments:read", "webhooks:manage"]);
});
afterAll(() => db.$disconnect());

describe.each(BAD.map((value) => [value.length > 20 ? `${value.slice(0, 5)}…(${value.length} digits)` : JSON.stringify(value), value]))("%s", (_, value) => {
  test("the accounts list and its export, for every id filter and the paging numbers", async () => {
    session.user = admin;
    const { GET } = await route("(app)/accounts/export/route");
    for (const name of ["segment", "tech", "owner", "tier", "page", "size", "play"]) {
      expect(await render(page("accounts/(list)/page"), {}, { [name]: value }), name).toBe("rendered");
      const lines = await wholeCsv(await GET(new Request(`http://localhost/accounts/export?${name}=${value}`), { params: Promise.resolve({}) }));
      expect(lines[0]).toMatch(/^Account ID,Name,/);
      // An id filter that cannot match gives no rows; the others leave the one account.
      if (name === "segment" || name === "tech") expect(lines.length, name).toBe(value === "" ? 2 : 1);
    }
  });

  test("/today and its export (rep, play, tier, segment)", async () => {
    session.user = admin;
    const { GET } = await route("(app)/today/export/route");
    for (const name of ["rep", "play", "tier", "segment"]) {
      expect(await render(page("today/page"), {}, { [name]: value }), name).toBe("rendered");
      const response = await GET(new Request(`http://localhost/today/export?${name}=${value}`), { params: Promise.resolve({}) });
      expect(response.status, name).toBeLessThan(500);
      if (response.status === 200) expect((await wholeCsv(response))[0]).toBeTruthy();
    }
  });

  test("pages with an id in their path: a 404", async () => {
    session.user = admin;
    for (const path of ["accounts/[id]/page", "accounts/[id]/layout", "segments/[id]/page", "admin/rules/segments/[id]/page", "admin/plays/[id]/page"] as const) {
      const outcome = await render(page(path), { id: value }, { page: value, segment: value });
      expect(outcome, path).toBe(path.endsWith("layout") ? outcome : "404");
    }
  });

  test("admin pages with numbers in their query: rendered", async () => {
    session.user = admin;
    expect(await render(page("admin/import/page"), {}, { job: value })).toBe("rendered");
    expect(await render(page("admin/jobs/page"), {}, { page: value, id: value })).toBe("rendered");
    expect(await render(page("admin/audit/page"), {}, { page: value, from: value, to: value })).toBe("rendered");
    expect(await render(page("admin/plays/(overview)/page"), {}, { period: value, from: value, to: value })).toBe("rendered");
    expect(await render(page("matrix/page"), {}, { by: value })).toBe("rendered");
  });

  test("import route handlers: 400 or 404", async () => {
    session.user = admin;
    const job = await route("api/import/jobs/[id]/route");
    const errors = await route("api/import/jobs/[id]/errors/route");
    const upload = await route("api/import/uploads/[id]/route");
    const params = { params: Promise.resolve({ id: value }) };
    for (const response of [
      await job.GET(new Request("http://localhost/api/import/jobs/x"), params),
      await errors.GET(new Request(`http://localhost/api/import/jobs/x/errors?page=${value}`), params),
      await errors.GET(new Request("http://localhost/api/import/jobs/x/errors?format=csv"), params),
      await upload.PUT(new Request(`http://localhost/api/import/uploads/x?offset=${value}`, { method: "PUT", body: "a" }), params),
    ]) {
      expect([400, 404, 422]).toContain(response.status);
    }
  });

  test("/api/v1: ids and numbers in the path and the query give 400 or 404", async () => {
    const auth = { authorization: `Bearer ${key}` };
    const call = async (path: string, file: keyof typeof ROUTES, params: Record<string, string> = {}, method: "GET" | "DELETE" = "GET") =>
      (await route(file))[method](new Request(`http://localhost${path}`, { method, headers: auth }), { params: Promise.resolve(params) });
    const answers = [
      await call(`/api/v1/accounts/${value}`, "api/v1/accounts/[id]/route", { id: value }),
      await call(`/api/v1/segments/${value}/members?limit=${value}`, "api/v1/segments/[id]/members/route", { id: value }),
      await call(`/api/v1/tiers/untiered/members?limit=${value}&cursor=${value}`, "api/v1/tiers/[key]/members/route", { key: "untiered" }),
      await call(`/api/v1/webhooks/${value}`, "api/v1/webhooks/[id]/route", { id: value }, "DELETE"),
      await call(`/api/v1/membership-changes?limit=${value}&cursor=${value}`, "api/v1/membership-changes/route"),
      ...(await Promise.all(
        ["segment", "tech", "limit", "cursor", "owner"].map((name) => call(`/api/v1/accounts?${name}=${value}`, "api/v1/accounts/route")),
      )),
    ];
    for (const answer of answers) expect(answer.status, await answer.clone().text()).toBeLessThan(500);
  });
});

test("a well-formed id still finds its record", async () => {
  session.user = admin;
  expect(await render(page("accounts/[id]/page"), { id: String(accountId) })).toBe("rendered");
});
