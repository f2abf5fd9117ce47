import { LoadingRegion, Skeleton, SkeletonCard } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <LoadingRegion label="Loading account" className="space-y-6">
      <Skeleton className="h-5 w-24" />
      <SkeletonCard className="h-32" />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <SkeletonCard className="h-[34rem]" />
          <SkeletonCard className="h-80" />
        </div>
        <div className="space-y-6">
          <SkeletonCard className="h-64" />
          <SkeletonCard className="h-72" />
        </div>
      </div>
    </LoadingRegion>
  );
}
