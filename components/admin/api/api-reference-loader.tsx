"use client";

import dynamic from "next/dynamic";

// Scalar renders in the browser only (it is a Vue app in a React wrapper, untested under SSR).
const ApiReference = dynamic(() => import("./api-reference"), {
  ssr: false,
  loading: () => <p className="px-6 py-10 text-sm text-slate-500">Loading the API reference…</p>,
});

export function ApiReferenceLoader({ document }: { document: Record<string, unknown> }) {
  return <ApiReference document={document} />;
}
