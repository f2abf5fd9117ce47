import { LoadingRegion, Skeleton, SkeletonCard, SkeletonRows } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <LoadingRegion label="Loading segment" className="space-y-6">
      <Skeleton className="h-5 w-24" />
      <div className="grid gap-6 lg:grid-cols-3">
        <SkeletonCard className="h-56 lg:col-span-2" />
        <SkeletonCard className="h-56" />
      </div>
      <SkeletonRows count={8} />
    </LoadingRegion>
  );
}
