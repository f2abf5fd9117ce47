export default function Loading() {
  return (
    <div className="space-y-4" role="status" aria-label="Loading accounts">
      <div className="h-8 w-48 animate-pulse rounded bg-slate-200" />
      <div className="h-9 w-full animate-pulse rounded bg-slate-100" />
      <div className="space-y-2 rounded-lg bg-white p-4 ring-1 ring-slate-200">
        {Array.from({ length: 10 }, (_, i) => (
          <div key={i} className="h-8 animate-pulse rounded bg-slate-100" />
        ))}
      </div>
    </div>
  );
}
