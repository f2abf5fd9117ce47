import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { isAccountVisible } from "@/lib/data/accounts";
import { parseId } from "@/lib/validation/ids";

/**
 * Checks access before the page's loading skeleton starts streaming, so a missing account, or
 * another rep's, answers with a real 404 status (the page checks again when it loads its data).
 */
export default async function AccountLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const id = parseId((await params).id);
  if (id === null || !(await isAccountVisible(user, id))) notFound();
  return children;
}
