import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";

/**
 * Admins only (managers read the plays list; only admins edit). Checked here, above this
 * segment's loading skeleton, so nobody else ever sees the editor's shape; the page checks
 * again, and every action checks on the server.
 */
export default async function PlayEditorLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  if (user.role !== "ADMIN") notFound();
  return children;
}
