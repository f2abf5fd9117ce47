import { NotFoundCard } from "@/components/ui/not-found-card";

export default function SegmentNotFound() {
  return (
    <NotFoundCard title="Segment not found" backHref="/segments" backLabel="Back to segments" testId="segment-not-found">
      It may not exist, or it has not been published yet.
    </NotFoundCard>
  );
}
