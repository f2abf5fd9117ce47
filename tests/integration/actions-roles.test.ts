/**
 * Every server action, called as each role it does not allow (and signed out): a clear refusal,
 * never a server error, and nothing written. The table must list every action the app exports,
 * so a new action cannot ship without its row. The rule editors' preview route handler is in the
 * same matrix (its answer's error code read as an action's).
 */
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { actionRoleTable, type ActionCase } from "../support/action-roles";
import { createUser } from "../support/fixtures";
import { previewRoute } from "../support/preview-route";
import { resetDatabase } from "../support/reset-db";
import { sessionModuleMock } from "../support/session-mock";

vi.mock("@/lib/auth/session", () => sessionModuleMock());
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

type Action = (...args: unknown[]) => Promise<{ ok: boolean; code?: string }>;
/** Modules of lib/actions that are not server actions (the boundary itself) or are public (sign-in). */
const NOT_ACTIONS = /\/(client|result|sign-in)\.ts$/;
const loaders = import.meta.glob<Record<string, Action>>("../../lib/actions/*.ts");
const modules = await Promise.all(Object.entries(loaders).filter(([file]) => !NOT_ACTIONS.test(file)).map(([, load]) => load()));
const actions = Object.assign({}, ...modules) as Record<string, Action>;
const form = () => new FormData();
const rule = { kind: "group", op: "and", children: [] };
const ADMIN: readonly Role[] = ["ADMIN"];

/** [allowed roles, arguments]: the arguments only need to reach the action (refusal comes first). */
const TABLE: Record<string, [readonly Role[], unknown[]]> = {
  // Rules and scoring
  previewSegment: [ADMIN, [null, rule]],
  previewTierPublish: [ADMIN, [{ tiers: [] }]],
  createSegment: [ADMIN, [{ name: "S", kind: "MIXED", color: "#123456" }]],
  saveSegmentDraft: [ADMIN, [1, { details: {}, rule, baseRevision: 0 }]],
  saveTierSchemeDraft: [ADMIN, [{ tiers: [] }, 0]],
  publishTierScheme: [ADMIN, [0, "because"]],
  restoreTierScheme: [ADMIN, [1, "because"]],
  publishSegment: [ADMIN, [1, 0, "because"]],
  restoreSegment: [ADMIN, [1, 1, "because"]],
  archiveSegment: [ADMIN, [1]],
  updateScoring: [ADMIN, [{ weights: { value: 1, fit: 1, engagement: 1 }, idealProfile: rule }]],
  // Import
  runDryRun: [ADMIN, ["abcdefgh12", { fields: {}, dateFormat: "MDY" }]],
  commitImport: [ADMIN, ["abcdefgh12"]],
  discardImportAction: [ADMIN, ["abcdefgh12"]],
  saveImportMapping: [ADMIN, [{ kind: "accounts", name: "Mine", mapping: { fields: {}, dateFormat: "MDY" } }]],
  deleteImportMapping: [ADMIN, [1]],
  // Users and reassignment
  createUserAction: [ADMIN, [null, form()]],
  changeUserRoleAction: [ADMIN, ["u-target", null, form()]],
  setUserActiveAction: [ADMIN, ["u-target", false, null, form()]],
  resetUserPasswordAction: [ADMIN, ["u-target", null, form()]],
  reassignAccountsAction: [["ADMIN", "MANAGER"], [null, form()]],
  changePasswordAction: [["ADMIN", "MANAGER", "REP"], [null, form()]],
  // Plays
  createPlay: [ADMIN, [{}]],
  savePlayDraft: [ADMIN, [1, {}, 0]],
  previewPlay: [ADMIN, [null, {}]],
  publishPlay: [ADMIN, [1, 0, "because"]],
  restorePlay: [ADMIN, [1, 1, "because"]],
  archivePlay: [ADMIN, [1]],
  recordPlayOutcome: [["ADMIN", "MANAGER", "REP"], [1, 1, null, form()]],
  // Today
  setDailyCapacityAction: [["REP", "ADMIN"], ["u-target", null, form()]],
  dismissChangeGroupAction: [["REP"], ["TIER:ENTERED:1:IMPORT:", new Date().toISOString()]],
  dismissAllChangesAction: [["REP"], []],
  // Backtest and suggested thresholds
  backtestTierScheme: [ADMIN, [{ tiers: [] }, { asOf: "2025-01-01", horizonMonths: 6 }]],
  backtestSegment: [ADMIN, [rule, { asOf: "2025-01-01", horizonMonths: 6 }]],
  suggestThresholds: [ADMIN, [[], { field: "lifetimeValue", direction: "high", perRep: 25 }]],
  // API keys
  createApiKeyAction: [ADMIN, [null, form()]],
  revokeApiKeyAction: [ADMIN, ["k-target"]],
  // Jobs
  retryJobAction: [ADMIN, ["1"]],
  // Webhooks
  createWebhookEndpointAction: [ADMIN, [null, form()]],
  deleteWebhookEndpointAction: [ADMIN, ["w-target"]],
  setWebhookEndpointActiveAction: [ADMIN, ["w-target", false]],
  sendWebhookTestEventAction: [ADMIN, ["w-target"]],
  redeliverWebhookAction: [ADMIN, ["1"]],
  // Two-factor sign-in
  startTwoFactorEnrolmentAction: [["ADMIN", "MANAGER", "REP"], [null, form()]],
  confirmTwoFactorEnrolmentAction: [["ADMIN", "MANAGER", "REP"], [null, form()]],
  disableTwoFactorAction: [["ADMIN", "MANAGER", "REP"], [null, form()]],
  regenerateRecoveryCodesAction: [["ADMIN", "MANAGER", "REP"], [null, form()]],
  setTwoFactorPolicyAction: [ADMIN, [true, null, form()]],
  resetUserTwoFactorAction: [ADMIN, ["u-target", null, form()]],
};

const { post: postPreview } = await previewRoute();
/** Route handlers of the app's own screens: [allowed roles, a request]. */
const ROUTES: Record<string, [readonly Role[], () => Promise<Response>]> = {
  "POST /api/rules/preview (segment)": [ADMIN, () => postPreview({ kind: "segment", segmentId: null, rule })],
  "POST /api/rules/preview (tier scheme)": [ADMIN, () => postPreview({ kind: "tierScheme", scheme: { tiers: [] } })],
};

/** A route's answer as an action's result: ok, or the error's code. */
async function asResult(response: Response): Promise<{ ok: boolean; code?: string }> {
  if (response.ok) return { ok: true };
  return { ok: false, code: ((await response.json()) as { error: { code: string } }).error.code };
}

let users: Record<Role, SessionUser>;

beforeAll(async () => {
  await resetDatabase();
  users = {
    ADMIN: await createUser("ADMIN", "admin@test.local"),
    MANAGER: await createUser("MANAGER", "manager@test.local"),
    REP: await createUser("REP", "rep@test.local"),
  };
});
afterAll(() => db.$disconnect());

test("the table lists every server action", () => {
  expect(Object.keys(TABLE).sort()).toEqual(Object.keys(actions).sort());
});

describe("server actions × roles", () => {
  const cases: Record<string, ActionCase> = Object.fromEntries(
    Object.entries(TABLE).map(([name, [allowed, args]]) => [name, { allowed, call: () => actions[name]!(...args) }]),
  );
  actionRoleTable(cases, () => users);
  const routes: Record<string, ActionCase> = Object.fromEntries(
    Object.entries(ROUTES).map(([name, [allowed, call]]) => [name, { allowed, call: async () => asResult(await call()) }]),
  );
  actionRoleTable(routes, () => users);

  test("nothing was written by the refused calls", async () => {
    expect(await db.tierSchemeVersion.count()).toBe(0);
    expect(await db.segment.count()).toBe(0);
    expect(await db.play.count()).toBe(0);
    expect(await db.importMapping.count()).toBe(0);
    expect(await db.apiKey.count()).toBe(0);
    expect(await db.user.count()).toBe(3);
    expect(await db.auditLog.count({ where: { action: { notIn: ["SIGN_IN", "SIGN_OUT"] } } })).toBe(0);
  });
});
