"use server";

import { revalidatePath } from "next/cache";
import { requireActionUser } from "@/lib/auth/session";
import {
  archiveSegment as archiveSegmentData,
  publishSegment as publishSegmentData,
  restoreSegmentVersion as restoreSegmentData,
} from "@/lib/data/rules/segments";
import {
  publishTierScheme as publishTierSchemeData,
  restoreTierSchemeVersion as restoreTierSchemeData,
} from "@/lib/data/rules/tier-scheme";
import { AppError } from "@/lib/errors";
import { runAction, type ActionResult } from "./result";

function int(value: unknown, what: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) throw new AppError("INVALID", `Invalid ${what}.`);
  return value;
}

function text(value: unknown): string {
  if (typeof value !== "string") throw new AppError("INVALID", "Write a short note saying why.");
  return value;
}

/** Publishing changes what every page shows: refresh them all. */
function revalidateEverything<T>(result: ActionResult<T>): ActionResult<T> {
  if (result.ok) revalidatePath("/", "layout");
  return result;
}

export async function publishTierScheme(baseRevision: unknown, note: unknown) {
  return revalidateEverything(
    await runAction("publishTierScheme", async () => {
      const user = await requireActionUser("ADMIN");
      return publishTierSchemeData(user, { baseRevision: int(baseRevision, "revision"), note: text(note) });
    }),
  );
}

export async function restoreTierScheme(version: unknown, note: unknown) {
  return revalidateEverything(
    await runAction("restoreTierScheme", async () => {
      const user = await requireActionUser("ADMIN");
      return restoreTierSchemeData(user, { version: int(version, "version"), note: text(note) });
    }),
  );
}

export async function publishSegment(segmentId: unknown, baseRevision: unknown, note: unknown) {
  return revalidateEverything(
    await runAction("publishSegment", async () => {
      const user = await requireActionUser("ADMIN");
      return publishSegmentData(user, int(segmentId, "segment"), { baseRevision: int(baseRevision, "revision"), note: text(note) });
    }),
  );
}

export async function restoreSegment(segmentId: unknown, version: unknown, note: unknown) {
  return revalidateEverything(
    await runAction("restoreSegment", async () => {
      const user = await requireActionUser("ADMIN");
      return restoreSegmentData(user, int(segmentId, "segment"), { version: int(version, "version"), note: text(note) });
    }),
  );
}

export async function archiveSegment(segmentId: unknown) {
  return revalidateEverything(
    await runAction("archiveSegment", async () => {
      const user = await requireActionUser("ADMIN");
      await archiveSegmentData(user, int(segmentId, "segment"));
      return null;
    }),
  );
}
