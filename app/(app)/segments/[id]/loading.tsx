export default function Loading() {
  return (
    <div className="space-y-6" role="status" aria-label="Loading segment">
      <div className="h-5 w-24 animate-pulse rounded bg-slate-200" />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="h-56 animate-pulse rounded-xl bg-white ring-1 ring-slate-200 lg:col-span-2" />
        <div className="h-56 animate-pulse rounded-xl bg-white ring-1 ring-slate-200" />
      </div>
      <div className="space-y-2 rounded-xl bg-white p-4 ring-1 ring-slate-200">
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="h-8 animate-pulse rounded bg-slate-100" />
        ))}
      </div>
    </div>
  );
}
