"use client";

import { UNAVAILABLE_DIGEST } from "@/lib/errors";

/**
 * Last-resort error page (the root layout itself failed, e.g. reading the session while the
 * database is down): a generic message only, or the database one; the details are in the server log.
 */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const unavailable = error.digest === UNAVAILABLE_DIGEST;
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", display: "grid", placeItems: "center", minHeight: "100vh", margin: 0 }}>
        <div role="alert" style={{ textAlign: "center" }}>
          <h1 style={{ fontSize: "1.125rem" }}>{unavailable ? "Tierwise cannot reach its database right now" : "Something went wrong"}</h1>
          <p style={{ color: "#475569" }}>{unavailable ? "Nothing was changed; try again in a moment." : "We could not show this page. Try again in a moment."}</p>
          <button type="button" onClick={reset} style={{ marginTop: "1rem", padding: "0.5rem 1rem" }}>
            Try again
          </button>
        </div>
      </body>
    </html>
  );
}
