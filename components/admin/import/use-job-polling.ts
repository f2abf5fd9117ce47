"use client";

import { useEffect } from "react";
import { isRunning, type ImportJobView } from "@/lib/import/job";

const INTERVAL_MS = 700;

/** While the job runs, fetch its state every INTERVAL_MS and hand it over; stops when it ends. */
export function useJobPolling(job: ImportJobView | null, onUpdate: (job: ImportJobView) => void, onGone: () => void): void {
  const id = job?.id;
  const running = job ? isRunning(job) : false;
  useEffect(() => {
    if (!id || !running) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const response = await fetch(`/api/import/jobs/${id}`, { cache: "no-store" });
        if (cancelled) return;
        if (response.status === 404) return onGone();
        if (response.ok) {
          const next = (await response.json()) as ImportJobView;
          if (cancelled) return;
          onUpdate(next);
          if (!isRunning(next)) return;
        }
      } catch {
        // A network blip: try again on the next tick.
      }
      if (!cancelled) timer = setTimeout(poll, INTERVAL_MS);
    };
    timer = setTimeout(poll, INTERVAL_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [id, running, onUpdate, onGone]);
}
