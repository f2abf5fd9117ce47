"use client";

import { useState } from "react";
import { PALETTE } from "./color-field";
import { emptyGroup, fromRuleJson, newId, toRuleJson } from "./rule-tree";
import type { EditorTier } from "./tier-card";
import { slugify } from "./tier-key";
import { moveFocusTarget, usePendingFocus } from "./use-pending-focus";

/** Read a stored tier scheme draft into editor tiers without throwing (validation flags the rest). */
export function loadTiers(draft: unknown): EditorTier[] {
  const raw = typeof draft === "object" && draft !== null && Array.isArray((draft as { tiers?: unknown }).tiers) ? (draft as { tiers: unknown[] }).tiers : [];
  return raw.map((t, i) => {
    const r = (typeof t === "object" && t !== null ? t : {}) as Record<string, unknown>;
    return {
      uid: `t${i}`,
      key: typeof r.key === "string" ? r.key : `tier-${i + 1}`,
      name: typeof r.name === "string" ? r.name : "",
      color: typeof r.color === "string" ? r.color : PALETTE[i % PALETTE.length]!,
      rule: fromRuleJson(r.rule, `t${i}g`),
      persisted: true,
    };
  });
}

/** The tier scheme definition the server actions take. */
export function toDefinition(tiers: EditorTier[]) {
  return { tiers: tiers.map((t) => ({ key: t.key, name: t.name.trim(), color: t.color.toLowerCase(), rule: toRuleJson(t.rule) })) };
}

/**
 * The ordered tiers being edited: rename (a new tier's key follows its name until saved), move,
 * remove with undo, add. Focus follows the tier acted on (attach `rootRef` around the list and
 * the undo button).
 */
export function useTierList(draft: unknown) {
  const [tiers, setTiers] = useState<EditorTier[]>(() => loadTiers(draft));
  const [removed, setRemoved] = useState<{ tier: EditorTier; index: number } | null>(null);
  const { rootRef, focusNext } = usePendingFocus();

  const update = (index: number, next: EditorTier) =>
    setTiers((list) =>
      list.map((t, i) => {
        if (i !== index) return t;
        if (t.persisted || next.name === t.name) return next;
        // A new tier's key follows its name until the first save.
        const taken = list.filter((_, j) => j !== index).map((o) => o.key);
        return { ...next, key: slugify(next.name, taken) };
      }),
    );

  const move = (index: number, delta: -1 | 1) => {
    const target = index + delta;
    if (target < 0 || target >= tiers.length) return;
    const tier = tiers[index]!;
    focusNext(`${tier.uid}:${moveFocusTarget(target, tiers.length, delta)}`);
    const next = [...tiers];
    [next[index], next[target]] = [next[target]!, next[index]!];
    setTiers(next);
  };

  const remove = (index: number) => {
    const tier = tiers[index];
    if (!tier) return;
    setRemoved({ tier, index });
    setTiers(tiers.filter((_, i) => i !== index));
    focusNext("undo-remove");
  };

  const undoRemove = () => {
    if (!removed) return;
    const next = [...tiers];
    next.splice(Math.min(removed.index, next.length), 0, removed.tier);
    setTiers(next);
    setRemoved(null);
    focusNext(`${removed.tier.uid}:up`);
  };

  const add = () => {
    const name = `Tier ${tiers.length + 1}`;
    const tier: EditorTier = {
      uid: `new-${newId()}`,
      key: slugify(name, tiers.map((t) => t.key)),
      name,
      color: PALETTE[tiers.length % PALETTE.length]!,
      rule: emptyGroup(),
      persisted: false,
    };
    setTiers([...tiers, tier]);
  };

  /** After a save: every key is fixed now, and a removal can no longer be undone. */
  const markSaved = () => {
    setTiers((list) => list.map((t) => (t.persisted ? t : { ...t, persisted: true })));
    setRemoved(null);
  };

  return { tiers, removed, rootRef, update, move, remove, undoRemove, add, markSaved };
}
