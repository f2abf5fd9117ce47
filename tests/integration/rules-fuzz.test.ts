/**
 * Random malformed rule payloads sent to the rule actions and the editors' preview route as an
 * admin: every one gets a clear refusal (or is valid and accepted), never an unexpected server error.
 */
import fc from "fast-check";
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { db } from "@/lib/db/client";
import { resetDatabase } from "../support/reset-db";
import { createAccount, createUser, draftSegment } from "../support/fixtures";
import { failure, previewRoute, type PreviewAnswer } from "../support/preview-route";
import { session, sessionModuleMock } from "../support/session-mock";

vi.mock("@/lib/auth/session", () => sessionModuleMock());
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { tierScheme: previewTierRoute } = await previewRoute();
const { previewSegment, previewTierPublish } = await import("@/lib/actions/preview-rule");
const { saveSegmentDraft, saveTierSchemeDraft } = await import("@/lib/actions/save-rule-draft");
const { createPlay, previewPlay } = await import("@/lib/actions/plays");

const GENERIC = /Something went wrong/;
let segmentId: number;

beforeAll(async () => {
  await resetDatabase();
  session.user = await createUser("ADMIN", "admin@test.local");
  await createAccount({ name: "Only account", lifetimeValue: 1000 });
  segmentId = await draftSegment("S", { kind: "group", op: "and", children: [] }, { kind: "MIXED" });
});
afterAll(() => db.$disconnect());

const FIELDS = ["lifetimeValue", "industry", "technologies", "benefitsSought", "lastOrderAt", "name", "nope", "__proto__", ""];
const OPERATORS = ["gte", "between", "any_of", "has_all", "in_category", "within_last_days", "contains", "is_empty", "bogus"];

/** Conditions that look almost right: real field names and operators with any kind of value. */
const nearlyCondition = fc.record(
  {
    kind: fc.constantFrom("condition", "group", "x"),
    id: fc.oneof(fc.string(), fc.integer()),
    field: fc.constantFrom(...FIELDS),
    operator: fc.constantFrom(...OPERATORS),
    value: fc.oneof(fc.jsonValue(), fc.constant(Number.NaN), fc.record({ min: fc.double(), max: fc.double() })),
  },
  { requiredKeys: [] },
);

const payload: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    nearlyCondition,
    fc.record(
      { kind: fc.constantFrom("group", "condition"), op: fc.constantFrom("and", "or", "xor"), negate: fc.oneof(fc.boolean(), fc.string()), children: fc.array(tie("node"), { maxLength: 4 }) },
      { requiredKeys: [] },
    ),
    fc.anything(),
  ),
})).node;

const deepRule = (depth: number): unknown =>
  depth === 0
    ? { kind: "condition", id: "leaf", field: "lifetimeValue", operator: "gt", value: 1 }
    : { kind: "group", op: "and", children: [deepRule(depth - 1)] };

function expectClearOutcome(result: { ok: boolean; error?: string; data?: unknown }) {
  if (!result.ok) {
    expect(result.error).toBeTypeOf("string");
    expect(result.error).not.toMatch(GENERIC);
  }
}

/** The same for the preview route: a refusal's message says what is wrong (a 500's would be GENERIC). */
function expectClearAnswer(answer: PreviewAnswer<unknown>) {
  const error = failure(answer);
  if (error) {
    expect(error.message).toBeTypeOf("string");
    expect(error.message).not.toMatch(GENERIC);
  }
}

test("malformed rules never cause a server error in any rule action or the preview route", async () => {
  const logged = vi.spyOn(console, "error");
  await fc.assert(
    fc.asyncProperty(payload, async (rule) => {
      expectClearOutcome(await previewSegment(segmentId, rule));
      expectClearAnswer(await previewTierRoute({ tiers: [{ key: "t", name: "T", color: "#000000", rule }] }));
      expectClearAnswer(await previewTierRoute(rule));
      expectClearOutcome(await previewTierPublish({ tiers: [{ key: "t", name: "T", color: "#000000", rule }] }));
      const saved = await saveSegmentDraft(segmentId, { details: { name: "S", kind: "MIXED", color: "#000000" }, rule, baseRevision: 0 });
      expectClearOutcome(saved);
      expectClearOutcome(await saveTierSchemeDraft(rule, 0));
    }),
    { numRuns: 300 },
  );
  expect(logged).not.toHaveBeenCalled();
});

test("specific hostile payloads get messages that name the problem", async () => {
  const tooDeep = await previewSegment(segmentId, deepRule(7));
  expect(tooDeep.ok && !tooDeep.data.ok && tooDeep.data.errors[0]?.message).toMatch(/deep/i);

  const many = { kind: "group", op: "or", children: Array.from({ length: 101 }, (_, i) => ({ kind: "condition", id: `c${i}`, field: "orderCount", operator: "gt", value: i })) };
  const tooMany = await previewSegment(segmentId, many);
  expect(tooMany.ok && !tooMany.data.ok && tooMany.data.errors[0]?.message).toMatch(/100/);

  const proto = JSON.parse('{"kind":"group","op":"and","children":[],"__proto__":{"admin":true}}');
  const polluted = await previewSegment(segmentId, proto);
  expect(polluted.ok && !polluted.data.ok && polluted.data.errors[0]?.message).toMatch(/__proto__/);
  expect(({} as Record<string, unknown>).admin).toBeUndefined();
});

/** Play definitions that look almost right: every field present or not, any kind of value. */
const nearlyPlay = fc.record(
  {
    name: fc.oneof(fc.string(), fc.constant("Play"), fc.integer()),
    goal: fc.oneof(fc.string(), fc.constant("Goal")),
    kind: fc.constantFrom("UPSELL", "MIGRATION", "nope", 3),
    audience: fc.oneof(
      fc.record(
        {
          tiers: fc.oneof(fc.array(fc.string(), { maxLength: 3 }), fc.anything()),
          segmentsAll: fc.oneof(fc.array(fc.integer(), { maxLength: 3 }), fc.anything()),
          segmentsAny: fc.array(fc.oneof(fc.integer(), fc.string()), { maxLength: 3 }),
          whitespace: fc.array(fc.constantFrom("CRM", "ERP", "nope"), { maxLength: 3 }),
          rule: payload,
        },
        { requiredKeys: [] },
      ),
      fc.anything(),
    ),
    pitch: fc.oneof(fc.string(), fc.constant("Hi {{name}}, {{lifetimeValu}} {{"), fc.constant("{{technologies.ERP}} {{}}")),
    talkingPoints: fc.oneof(fc.array(fc.string(), { maxLength: 10 }), fc.anything()),
    channel: fc.constantFrom("BEST", "EMAIL", "FAX", null),
    priority: fc.oneof(fc.integer({ min: -5, max: 200 }), fc.double(), fc.string()),
    startsOn: fc.oneof(fc.constant(null), fc.constant("2026-02-30"), fc.constant("2026-01-01"), fc.string()),
    endsOn: fc.oneof(fc.constant(null), fc.constant("2025-12-31"), fc.string()),
  },
  { requiredKeys: [] },
);

test("malformed plays never cause a server error in the play actions", async () => {
  const logged = vi.spyOn(console, "error");
  await fc.assert(
    fc.asyncProperty(fc.oneof(nearlyPlay, fc.anything()), async (definition) => {
      expectClearOutcome(await previewPlay(null, definition, undefined));
      const created = await createPlay(definition as Parameters<typeof createPlay>[0]);
      expectClearOutcome(created);
      if (created.ok) await db.play.deleteMany();
    }),
    { numRuns: 200 },
  );
  expect(logged).not.toHaveBeenCalled();
});
