import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { SegmentEditor } from "@/components/rules/segment-editor";
import { requireUser } from "@/lib/auth/session";
import { ownerOptions, technologyOptions } from "@/lib/data/lookups";
import { getSegmentEditor } from "@/lib/data/rules/segments";

type Params = Promise<{ id: string }>;

/** "42" -> 42; anything else -> null. */
function parseId(raw: string): number | null {
  if (!/^[1-9]\d{0,9}$/.test(raw)) return null;
  const id = Number(raw);
  return id <= 2_147_483_647 ? id : null;
}

const loadSegment = cache(getSegmentEditor);

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const user = await requireUser();
  const id = parseId((await params).id);
  if (user.role !== "ADMIN" || id == null) return { title: "Not found" };
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
