import { LoadingRegion, Skeleton, SkeletonCard, SkeletonRows } from "@/components/ui/skeleton";

export default function PlaysLoading() {
  return (
    <LoadingRegion label="Loading plays" className="space-y-5">
      <div className="space-y-2">
        <Skeleton className="h-8 w-32" />
        <Skeleton className="h-4 w-full max-w-xl" />
      </div>
      <Skeleton className="h-9 w-full max-w-2xl rounded-lg" />
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {[0, 1, 2, 3].map((i) => (
          <SkeletonCard key={i} className="h-24" />
        ))}
      </div>
      <SkeletonCard className="h-72" />
      <SkeletonRows count={6} rowClassName="h-14" />
    </LoadingRegion>
  );
}
