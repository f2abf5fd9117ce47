import { NotFoundCard } from "@/components/ui/not-found-card";

export default function PlayNotFound() {
  return (
    <NotFoundCard title="Play not found" backHref="/admin/plays" backLabel="Back to plays">
      It may have been archived, or the address is wrong.
    </NotFoundCard>
  );
}
