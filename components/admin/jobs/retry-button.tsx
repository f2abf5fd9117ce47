"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { retryJobAction } from "@/lib/actions/jobs";

/** Run a failed job again; the page re-renders with the job queued (revalidated), or the error shows beside the button. */
export function RetryButton({ jobId, label }: { jobId: string; label: string }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const retry = () =>
    startTransition(async () => {
      const result = await retryJobAction(jobId);
      setError(result.ok ? null : result.error);
    });
  return (
    <span className="inline-flex flex-wrap items-center justify-end gap-2">
      {error && (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      )}
      <Button type="button" variant="secondary" className="px-2.5 py-1 text-xs shadow-none" onClick={retry} disabled={pending} aria-label={`Retry: ${label}`}>
        {pending ? "Retrying…" : "Retry"}
      </Button>
    </span>
  );
}
