import { LoadingRegion, Skeleton, SkeletonCard } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <LoadingRegion label="Loading segments">
      <Skeleton className="h-8 w-40" />
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
        {Array.from({ length: 6 }, (_, i) => (
          <SkeletonCard key={i} className="h-56" />
        ))}
      </div>
    </LoadingRegion>
  );
}
