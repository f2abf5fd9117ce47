import { LoadingRegion, Skeleton, SkeletonCard, SkeletonRows } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <LoadingRegion label="Loading today's plan" className="space-y-6">
      <Skeleton className="h-8 w-40" />
      <SkeletonCard className="h-40" />
      <Skeleton onCard className="h-9 w-full" />
      <SkeletonRows count={6} rowClassName="h-16" />
    </LoadingRegion>
  );
}
