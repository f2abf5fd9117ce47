import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { requestAccountDetail } from "@/lib/data/account-detail";
import { parseId } from "@/lib/validation/ids";

/**
 * Checks access before the page's loading skeleton starts streaming, so a missing account, or
 * another rep's, answers with a real 404 status (the page then uses the same read: requestAccountDetail).
 */
export default async function AccountLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const id = parseId((await params).id);
  if (id === null || !(await requestAccountDetail(user, id))) notFound();
  return children;
}
