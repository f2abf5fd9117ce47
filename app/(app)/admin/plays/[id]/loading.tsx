import { LoadingRegion, Skeleton, SkeletonCard } from "@/components/ui/skeleton";

export default function PlayEditorLoading() {
  return (
    <LoadingRegion label="Loading play" className="space-y-6">
      <div className="space-y-2">
        <Skeleton className="h-4 w-24" />
        <Skeleton className="h-8 w-72" />
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_380px]">
        <div className="space-y-4">
          {[0, 1, 2].map((i) => (
            <SkeletonCard key={i}>
              <Skeleton onCard className="h-5 w-40" />
              <Skeleton onCard className="h-9 w-full" />
              <Skeleton onCard className="h-9 w-5/6" />
            </SkeletonCard>
          ))}
        </div>
        <SkeletonCard className="h-80" />
      </div>
    </LoadingRegion>
  );
}
