import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { loadPlayEditorOptions } from "@/components/plays/editor/load-options";
import { PlayEditor } from "@/components/plays/editor/play-editor";
import { NOT_FOUND_TITLE } from "@/lib/auth/restricted-metadata";
import { requireUser } from "@/lib/auth/session";
import { getPlayEditor } from "@/lib/data/plays/editor";
import { parseId } from "@/lib/validation/ids";

type Params = Promise<{ id: string }>;

const loadPlay = cache(getPlayEditor);

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const user = await requireUser();
  const id = parseId((await params).id);
  if (user.role !== "ADMIN" || id == null) return { title: NOT_FOUND_TITLE };
  const play = await loadPlay(user, id);
  return { title: play ? `${play.draft.name} · Plays` : "Play not found" };
}

export default async function PlayEditorPage({ params }: { params: Params }) {
  const user = await requireUser();
  if (user.role !== "ADMIN") notFound();
  const id = parseId((await params).id);
  if (id == null) notFound();
  const [play, options] = await Promise.all([loadPlay(user, id), loadPlayEditorOptions(user)]);
  if (!play) notFound();
  return (
    <PlayEditor
      // A publish or restore replaces the draft: start again from what the server has.
      key={`${play.id}:${play.publishedVersion ?? 0}`}
      play={play}
      options={options}
    />
  );
}
