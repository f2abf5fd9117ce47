import { notFound } from "next/navigation";
import { loadPlayEditorOptions } from "@/components/plays/editor/load-options";
import { NewPlayEditor } from "@/components/plays/editor/new-play-editor";
import { isAdmin, restrictedMetadata } from "@/lib/auth/restricted-metadata";
import { requireUser } from "@/lib/auth/session";

export const generateMetadata = restrictedMetadata("New play · Plays", isAdmin);

/** Admins only: others get a 404, as for the rule editors. */
export default async function NewPlayPage() {
  const user = await requireUser();
  if (user.role !== "ADMIN") notFound();
  return <NewPlayEditor options={await loadPlayEditorOptions(user)} />;
}
