export default function RulesLoading() {
  return (
    <div className="space-y-6" role="status" aria-label="Loading rules">
      <div className="space-y-2">
        <div className="h-4 w-24 animate-pulse rounded bg-slate-200" />
        <div className="h-8 w-64 animate-pulse rounded bg-slate-200" />
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_380px]">
        <div className="space-y-4">
          {[0, 1].map((i) => (
            <div key={i} className="space-y-3 rounded-xl bg-white p-5 ring-1 ring-slate-200">
              <div className="h-5 w-40 animate-pulse rounded bg-slate-100" />
              <div className="h-9 w-full animate-pulse rounded bg-slate-100" />
              <div className="h-9 w-5/6 animate-pulse rounded bg-slate-100" />
            </div>
          ))}
        </div>
        <div className="h-72 animate-pulse rounded-xl bg-white ring-1 ring-slate-200" />
      </div>
    </div>
  );
}
