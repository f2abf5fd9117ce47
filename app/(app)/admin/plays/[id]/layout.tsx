import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";

/**
 * Admins only. Checked here, above the loading boundary, so everyone else gets a real 404
 * status (managers read /admin/plays, but only admins edit); the page checks again, and every
 * action checks on the server.
 */
export default async function PlayEditorLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  if (user.role !== "ADMIN") notFound();
  return children;
}
