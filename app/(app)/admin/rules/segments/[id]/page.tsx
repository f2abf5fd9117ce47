import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { SegmentEditor } from "@/components/rules/segment-editor";
import { NOT_FOUND_TITLE } from "@/lib/auth/restricted-metadata";
import { requireUser } from "@/lib/auth/session";
import { ownerOptions, technologyOptions } from "@/lib/data/lookups";
import { getSegmentEditor } from "@/lib/data/rules/segments";
import { parseId } from "@/lib/validation/ids";

type Params = Promise<{ id: string }>;

const loadSegment = cache(getSegmentEditor);

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const user = await requireUser();
  const id = parseId((await params).id);
  if (user.role !== "ADMIN" || id == null) return { title: NOT_FOUND_TITLE };
  const segment = await loadSegment(user, id);
  return { title: segment ? `${segment.details.name} · Rules` : "Segment not found" };
}

export default async function SegmentEditorPage({ params }: { params: Params }) {
  const user = await requireUser();
  if (user.role !== "ADMIN") notFound();
  const id = parseId((await params).id);
  if (id == null) notFound();
  const [segment, technologies, owners] = await Promise.all([loadSegment(user, id), technologyOptions(), ownerOptions(user)]);
  if (!segment) notFound();
  return (
    <SegmentEditor
      // A publish or restore replaces the draft: start again from what the server has.
      key={`${segment.id}:${segment.publishedVersion ?? 0}`}
      segment={segment}
      catalog={{ technologies, owners: owners.filter((o) => o.value !== "unassigned") }}
    />
  );
}
