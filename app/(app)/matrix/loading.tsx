export default function Loading() {
  return (
    <div className="space-y-4" role="status" aria-label="Loading matrix">
      <div className="flex items-end justify-between">
        <div className="h-8 w-40 animate-pulse rounded bg-slate-200" />
        <div className="h-9 w-96 animate-pulse rounded-lg bg-slate-200" />
      </div>
      <div className="space-y-2 rounded-xl bg-white p-4 ring-1 ring-slate-200">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="h-12 animate-pulse rounded bg-slate-100" />
        ))}
      </div>
    </div>
  );
}
