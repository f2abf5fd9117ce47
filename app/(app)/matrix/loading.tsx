import { LoadingRegion, Skeleton, SkeletonRows } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <LoadingRegion label="Loading matrix">
      <div className="flex items-end justify-between">
        <Skeleton className="h-8 w-40" />
        <Skeleton className="h-9 w-96 rounded-lg" />
      </div>
      <SkeletonRows count={6} rowClassName="h-12" />
    </LoadingRegion>
  );
}
