import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { isAccountVisible } from "@/lib/data/accounts";

/**
 * Checks access before the page's loading skeleton starts streaming, so a missing account, or
 * another rep's, answers with a real 404 status (the page checks again when it loads its data).
 */
export default async function AccountLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  if (!(await isAccountVisible(user, Number(id)))) notFound();
  return children;
}
