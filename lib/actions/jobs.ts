"use server";

import { z } from "@/lib/validation/zod";
import { retryJob } from "@/lib/jobs/retry";
import { action } from "./client";

/** A queue job's id: graphile-worker's bigint, as digits. */
const jobIdSchema = z.string().regex(/^\d{1,18}$/, "That job no longer exists.");

/** Run a job that failed for good again, from its first attempt (admin Jobs page). */
export const retryJobAction = action({
  name: "retryJob",
  roles: ["ADMIN"],
  args: [jobIdSchema],
  run: async (actor, jobId) => {
    await retryJob(actor, jobId);
    return null;
  },
  revalidate: ["/admin/jobs"],
});
