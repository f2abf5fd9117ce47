function Block({ className }: { className: string }) {
  return <div className={`animate-pulse rounded-xl bg-white ring-1 ring-slate-200 ${className}`} />;
}

export default function Loading() {
  return (
    <div className="space-y-6" role="status" aria-label="Loading account">
      <div className="h-5 w-24 animate-pulse rounded bg-slate-200" />
      <Block className="h-32" />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Block className="h-[34rem]" />
          <Block className="h-80" />
        </div>
        <div className="space-y-6">
          <Block className="h-64" />
          <Block className="h-72" />
        </div>
      </div>
    </div>
  );
}
