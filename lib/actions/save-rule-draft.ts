"use server";

import { revalidatePath } from "next/cache";
import { requireActionUser } from "@/lib/auth/session";
import { createSegment as createSegmentData, saveSegmentDraft as saveSegmentData } from "@/lib/data/rules/segments";
import { saveTierSchemeDraft as saveTierSchemeData } from "@/lib/data/rules/tier-scheme";
import { AppError } from "@/lib/errors";
import { runAction } from "./result";

function positiveInt(value: unknown, what: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) throw new AppError("INVALID", `Invalid ${what}.`);
  return value;
}

export async function createSegment(details: unknown) {
  const result = await runAction("createSegment", async () => {
    const user = await requireActionUser("ADMIN");
    return createSegmentData(user, details);
  });
  if (result.ok) revalidatePath("/admin/rules");
  return result;
}

export async function saveSegmentDraft(segmentId: unknown, input: { details: unknown; rule: unknown; baseRevision: unknown }) {
  const result = await runAction("saveSegmentDraft", async () => {
    const user = await requireActionUser("ADMIN");
    const id = positiveInt(segmentId, "segment");
    return saveSegmentData(user, id, { details: input?.details, rule: input?.rule, baseRevision: positiveInt(input?.baseRevision, "revision") });
  });
  if (result.ok) revalidatePath("/admin/rules");
  return result;
}

export async function saveTierSchemeDraft(definition: unknown, baseRevision: unknown) {
  const result = await runAction("saveTierSchemeDraft", async () => {
    const user = await requireActionUser("ADMIN");
    return saveTierSchemeData(user, definition, positiveInt(baseRevision, "revision"));
  });
  if (result.ok) revalidatePath("/admin/rules");
  return result;
}
