"use client";

import { Button } from "@/components/ui/button";
import { UNAVAILABLE_DIGEST } from "@/lib/errors";

/**
 * Unexpected errors show a generic message (details are logged on the server, never sent here).
 * An unreachable database is told apart by its digest (lib/db/unavailable.ts): a passing outage,
 * so the page says to try again in a moment rather than to call the admin.
 */
export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  if (error.digest === UNAVAILABLE_DIGEST) {
    return (
      <div role="alert" className="mx-auto max-w-lg rounded-xl bg-white px-6 py-14 text-center shadow-sm ring-1 ring-slate-200">
        <h1 className="text-lg font-semibold text-slate-900">Tierwise cannot reach its database right now</h1>
        <p className="mt-2 text-sm text-slate-600">This usually passes within a minute. Nothing was changed; try again in a moment.</p>
        <Button type="button" className="mt-6" onClick={reset}>
          Try again
        </Button>
      </div>
    );
  }
  return (
    <div role="alert" className="mx-auto max-w-lg rounded-xl bg-white px-6 py-14 text-center shadow-sm ring-1 ring-slate-200">
      <h1 className="text-lg font-semibold text-slate-900">Something went wrong</h1>
      <p className="mt-2 text-sm text-slate-600">
        We could not load this page. Try again; if it keeps happening, tell your admin
        {error.digest ? (
          <>
            {" "}
            and quote reference <code className="rounded bg-slate-100 px-1">{error.digest}</code>
          </>
        ) : null}
        .
      </p>
      <Button type="button" className="mt-6" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
