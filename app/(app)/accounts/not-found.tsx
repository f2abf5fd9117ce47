import { NotFoundCard } from "@/components/ui/not-found-card";

/** Shown for a missing account and for someone else's: the two are deliberately indistinguishable. */
export default function AccountNotFound() {
  return (
    <NotFoundCard title="Account not found" backHref="/accounts" backLabel="Back to accounts" testId="account-not-found">
      It may not exist, or it may not be assigned to you. If you think you should have access, ask your sales manager.
    </NotFoundCard>
  );
}
