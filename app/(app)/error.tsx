"use client";

import { Button } from "@/components/ui/button";

/** Unexpected errors show a generic message (details are logged on the server, never sent here). */
export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
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
