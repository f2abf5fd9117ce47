import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";

/**
 * Admins and managers (managers read it, admins also edit). Checked here, above the loading
 * boundary, so a rep gets a real 404 status; the page and the data layer check again. The
 * (overview) group keeps this page's loading state from wrapping the play editor's routes,
 * whose own layout must also answer a real 404.
 */
export default async function PlaysOverviewLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  if (user.role !== "ADMIN" && user.role !== "MANAGER") notFound();
  return children;
}
