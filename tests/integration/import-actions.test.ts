/**
 * Every import route handler refuses REP and MANAGER (and the signed-out) on the server, with a
 * clear message, never a server error; the admin gets through. (The import actions' refusals are
 * in tests/integration/actions-roles.test.ts.)
 */
import fs from "node:fs/promises";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { uploadPath } from "@/lib/import/storage";
import { resetDatabase } from "../support/reset-db";
import { createAccount, createUser } from "../support/fixtures";
import { session, sessionModuleMock } from "../support/session-mock";
import { upload } from "../support/import";
import { runWorker } from "../support/jobs";

vi.mock("@/lib/auth/session", () => sessionModuleMock());
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { commitImport, runDryRun, saveImportMapping } = await import("@/lib/actions/import-data");
const uploadsRoute = await import("@/app/api/import/uploads/route");
const partRoute = await import("@/app/api/import/uploads/[id]/route");
const completeRoute = await import("@/app/api/import/uploads/[id]/complete/route");
const jobRoute = await import("@/app/api/import/jobs/[id]/route");
const errorsRoute = await import("@/app/api/import/jobs/[id]/errors/route");

let admin: SessionUser;
let manager: SessionUser;
let rep: SessionUser;
let jobId: string;
const mapping = { fields: { domain: "Domain", name: "Name" }, dateFormat: "MDY" };

beforeAll(async () => {
  await resetDatabase();
  admin = await createUser("ADMIN", "admin@test.local");
  manager = await createUser("MANAGER", "manager@test.local");
  rep = await createUser("REP", "rep@test.local");
  await createAccount({ domain: "acme.com", name: "Acme" });
  jobId = (await upload(admin, "accounts", "roles.csv", "Name,Domain\nAcme Inc,acme.com\n")).id;
});
afterAll(() => db.$disconnect());
// The actions queue the run and return; a worker runs it, as in the app.
runWorker(["import-run"]);
beforeEach(() => {
  session.user = null;
});

const params = (id: string) => ({ params: Promise.resolve({ id }) });
const noParams = { params: Promise.resolve({}) };
const url = (path: string) => new NextRequest(new URL(path, "http://localhost"), {});

const routes: [string, () => Promise<Response>][] = [
  [
    "POST /api/import/uploads",
    () => uploadsRoute.POST(new Request("http://localhost/api/import/uploads", { method: "POST", body: JSON.stringify({ kind: "accounts", fileName: "a.csv", size: 10, contentType: "text/csv" }) }), noParams),
  ],
  ["PUT /api/import/uploads/[id]", () => partRoute.PUT(new NextRequest("http://localhost/api/import/uploads/x?offset=0", { method: "PUT", body: "Name\n" }), params(jobId))],
  ["POST /api/import/uploads/[id]/complete", () => completeRoute.POST(new Request("http://localhost/x", { method: "POST" }), params(jobId))],
  ["GET /api/import/jobs/[id]", () => jobRoute.GET(new Request("http://localhost/x"), params(jobId))],
  ["GET /api/import/jobs/[id]/errors", () => errorsRoute.GET(url("/api/import/jobs/x/errors?page=1"), params(jobId))],
  ["GET /api/import/jobs/[id]/errors?format=csv", () => errorsRoute.GET(url("/api/import/jobs/x/errors?format=csv"), params(jobId))],
];

describe("import routes × roles", () => {
  for (const [name, call] of routes) {
    test(`${name}: signed out 401, REP and MANAGER 403`, async () => {
      expect((await call()).status).toBe(401);
      session.user = rep;
      expect((await call()).status).toBe(403);
      session.user = manager;
      expect((await call()).status).toBe(403);
    });
  }
  test("a cross-site upload is refused", async () => {
    session.user = admin;
    const response = await uploadsRoute.POST(
      new Request("http://localhost/api/import/uploads", { method: "POST", headers: { origin: "https://evil.example", host: "localhost" }, body: "{}" }),
      noParams,
    );
    expect(response.status).toBe(403);
  });
});

describe("as the admin", () => {
  test("the flow through the actions and routes", async () => {
    session.user = admin;
    const saved = await saveImportMapping({ kind: "accounts", name: "  CRM export ", mapping: { ...mapping, fields: { ...mapping.fields, bogus: "Name" } } });
    expect(saved).toMatchObject({ ok: true, data: { name: "CRM export", mapping: { fields: { domain: "Domain", name: "Name" } } } });
    expect(await saveImportMapping({ kind: "accounts", name: " ", mapping })).toEqual({ ok: false, error: "Name the mapping.", code: "INVALID" });

    const bad = await runDryRun(jobId, { fields: { name: "Name" }, dateFormat: "MDY" });
    expect(bad).toMatchObject({ ok: false, fieldErrors: { domain: expect.stringMatching(/required/) } });

    const started = await runDryRun(jobId, mapping);
    expect(started).toMatchObject({ ok: true, data: { status: "CHECKING" } });
    let job;
    for (let i = 0; i < 200; i++) {
      job = await (await jobRoute.GET(new Request("http://localhost/x"), params(jobId))).json();
      if (job.status !== "CHECKING") break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(job).toMatchObject({ status: "CHECKED", summary: { dryRun: { updated: 1, created: 0 } } });
    expect(await commitImport(jobId)).toMatchObject({ ok: true, data: { status: "COMMITTING" } });
    for (let i = 0; i < 200; i++) {
      job = await (await jobRoute.GET(new Request("http://localhost/x"), params(jobId))).json();
      if (job.status !== "COMMITTING") break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(job.status).toBe("COMMITTED");
    expect((await db.account.findUniqueOrThrow({ where: { domain: "acme.com" } })).name).toBe("Acme Inc");
    expect(await commitImport(jobId)).toMatchObject({ ok: false, code: "CONFLICT" });
  });

  test("an upload no longer on the server: the dry run says so and changes nothing", async () => {
    session.user = admin;
    const { id } = await upload(admin, "accounts", "gone.csv", "Name,Domain\nGone Inc,gone.example.com\n");
    await fs.rm(uploadPath(id));
    expect(await runDryRun(id, mapping)).toMatchObject({ ok: true, data: { status: "CHECKING" } });
    let job;
    for (let i = 0; i < 200; i++) {
      job = await (await jobRoute.GET(new Request("http://localhost/x"), params(id))).json();
      if (job.status !== "CHECKING") break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(job).toMatchObject({ status: "FAILED", summary: { failure: { mode: "dryRun", fileGone: true, message: "The uploaded file is no longer on the server, so nothing was changed. Upload the file again." } } });
    expect(await db.account.count({ where: { domain: "gone.example.com" } })).toBe(0);
  });

  test("uploading through the routes", async () => {
    session.user = admin;
    const content = "Name,Domain\nNew Co,newco.example\n";
    const start = await uploadsRoute.POST(
      new Request("http://localhost/api/import/uploads", { method: "POST", body: JSON.stringify({ kind: "accounts", fileName: "new.csv", size: Buffer.byteLength(content), contentType: "text/csv" }) }),
      noParams,
    );
    expect(start.status).toBe(201);
    const { id } = await start.json();
    const part = await partRoute.PUT(new NextRequest(`http://localhost/api/import/uploads/${id}?offset=0`, { method: "PUT", body: content }), params(id));
    expect(await part.json()).toEqual({ received: Buffer.byteLength(content) });
    const wrongOffset = await partRoute.PUT(new NextRequest(`http://localhost/api/import/uploads/${id}?offset=0`, { method: "PUT", body: content }), params(id));
    expect(wrongOffset.status).toBe(409);
    // The one route error shape the page's upload client reads (components/admin/import/upload-file.ts).
    expect(await wrongOffset.json()).toEqual({ error: { code: "CONFLICT", message: expect.stringMatching(/expected the part starting at byte/) } });
    const done = await completeRoute.POST(new Request("http://localhost/x", { method: "POST" }), params(id));
    expect(await done.json()).toMatchObject({ status: "UPLOADED", totalRows: 1, summary: { headers: ["Name", "Domain"] } });
    const missing = await jobRoute.GET(new Request("http://localhost/x"), params("doesnotexist1"));
    expect(missing.status).toBe(404);
  });
});
