import { LoadingRegion, Skeleton, SkeletonRows } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <LoadingRegion label="Loading accounts">
      <Skeleton className="h-8 w-48" />
      <Skeleton onCard className="h-9 w-full" />
      <SkeletonRows count={10} />
    </LoadingRegion>
  );
}
