"use client";

import { Trash2 } from "lucide-react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import type { SavedMapping } from "@/lib/import/job";
import { cn } from "@/lib/utils/cn";

/** Choose a mapping saved for this kind of file: apply it, or delete it. */
export function SavedMappingPicker({ id, mappings, onApply, onDelete }: { id: string; mappings: SavedMapping[]; onApply: (saved: SavedMapping) => void; onDelete: (id: number) => void }) {
  const [chosen, setChosen] = useState("");
  const saved = mappings.find((m) => String(m.id) === chosen);
  return (
    <div className="mb-4 flex flex-wrap items-end gap-2 rounded-md bg-slate-50 p-3 ring-1 ring-inset ring-slate-200">
      <div className="min-w-56 flex-1 space-y-1">
        <label htmlFor={`${id}-saved`} className="block text-sm font-medium text-slate-700">
          Use a saved mapping
        </label>
        <select id={`${id}-saved`} className={inputClass} value={chosen} onChange={(e) => setChosen(e.target.value)}>
          <option value="">Choose…</option>
          {mappings.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </div>
      <Button type="button" variant="secondary" onClick={() => saved && onApply(saved)} disabled={!chosen}>
        Apply
      </Button>
      <Button
        type="button"
        variant="ghost"
        onClick={() => {
          if (chosen) onDelete(Number(chosen));
          setChosen("");
        }}
        disabled={!chosen}
        aria-label="Delete the chosen saved mapping"
      >
        <Trash2 className="h-4 w-4" aria-hidden />
      </Button>
    </div>
  );
}

/** Save the current mapping by name; `onSave` answers with an error message or null. */
export function SaveMappingForm({ id, onSave }: { id: string; onSave: (name: string) => Promise<string | null> }) {
  const [name, setName] = useState("");
  const [state, setState] = useState<{ error?: string; message?: string; pending?: boolean }>({});

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setState({ pending: true });
    const error = await onSave(name);
    setState(error ? { error } : { message: `Saved as “${name.trim()}”.` });
  };

  return (
    <form onSubmit={save} className="flex flex-wrap items-end gap-2" aria-label="Save this mapping">
      <div className="space-y-1">
        <label htmlFor={`${id}-save-name`} className="block text-sm font-medium text-slate-700">
          Save this mapping for next time
        </label>
        <input
          id={`${id}-save-name`}
          className={cn(inputClass, "w-64")}
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="e.g. HubSpot companies export"
          maxLength={60}
          aria-invalid={state.error ? true : undefined}
          aria-describedby={state.error || state.message ? `${id}-save-status` : undefined}
        />
      </div>
      <Button type="submit" variant="secondary" disabled={state.pending}>
        Save mapping
      </Button>
      {(state.error || state.message) && (
        <p id={`${id}-save-status`} role="status" className={cn("w-full text-sm", state.error ? "text-red-700" : "text-emerald-700")}>
          {state.error ?? state.message}
        </p>
      )}
    </form>
  );
}
