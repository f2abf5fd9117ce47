import { NotFoundCard } from "@/components/ui/not-found-card";

export default function SegmentNotFound() {
  return (
    <NotFoundCard title="Segment not found" backHref="/admin/rules" backLabel="Back to rules">
      It may have been archived, or the address is wrong.
    </NotFoundCard>
  );
}
