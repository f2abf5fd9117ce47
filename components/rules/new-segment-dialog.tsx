"use client";

import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { createSegment } from "@/lib/actions/save-rule-draft";
import type { SegmentDetails } from "@/lib/validation/segment";
import { PALETTE } from "./color-field";
import { DialogShell } from "@/components/ui/dialog";
import { ActionBanner } from "@/components/ui/alert";
import { SegmentDetailsFields, checkDetails, type DetailErrors } from "./segment-details-fields";

const EMPTY: SegmentDetails = { name: "", description: "", kind: "TECHNOGRAPHIC", color: PALETTE[1]! };

/** "New segment": name, description, kind and colour; on success, opens the new segment's editor. */
export function NewSegmentDialog({ label = "New segment", variant = "primary" }: { label?: string; variant?: "primary" | "secondary" }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [details, setDetails] = useState<SegmentDetails>(EMPTY);
  const [errors, setErrors] = useState<DetailErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const problems = checkDetails(details);
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    setFailure(null);
    const result = await createSegment(details);
    if (result.ok) {
      router.push(`/admin/rules/segments/${result.data.id}`);
      return;
    }
    setBusy(false);
    // A taken name is the one conflict creating can hit: it belongs next to the name.
    if (result.code === "DUPLICATE_NAME") setErrors({ name: result.error });
    else setFailure(result.error);
  };

  return (
    <DialogShell
      open={open}
      onOpenChange={(next) => {
        if (busy) return;
        setOpen(next);
        if (next) {
          setDetails(EMPTY);
          setErrors({});
          setFailure(null);
        }
      }}
      title="New segment"
      description="Name it now; you define its rule on the next screen. Nothing is visible to reps until you publish."
      trigger={
        <Button type="button" variant={variant}>
          <Plus className="h-4 w-4" aria-hidden />
          {label}
        </Button>
      }
    >
      <form onSubmit={submit} noValidate className="space-y-5">
        {failure && <ActionBanner message={failure} />}
        <SegmentDetailsFields value={details} onChange={setDetails} errors={errors} />
        <div className="flex justify-end gap-2 border-t border-slate-100 pt-4">
          <Button type="button" variant="secondary" onClick={() => setOpen(false)} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" disabled={busy}>
            {busy ? "Creating…" : "Create and edit rule"}
          </Button>
        </div>
      </form>
    </DialogShell>
  );
}
