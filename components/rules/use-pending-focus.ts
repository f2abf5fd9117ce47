"use client";

import { useEffect, useRef } from "react";

/**
 * Move focus after the next render to the element marked `data-focus="<key>"` inside `rootRef`:
 * after an edit re-renders a list (move, remove, duplicate), focus follows the thing acted on.
 */
export function usePendingFocus<T extends HTMLElement = HTMLDivElement>() {
  const rootRef = useRef<T>(null);
  const pending = useRef<string | null>(null);
  useEffect(() => {
    const key = pending.current;
    if (!key) return;
    pending.current = null;
    rootRef.current?.querySelector<HTMLElement>(`[data-focus="${CSS.escape(key)}"]`)?.focus();
  });
  return {
    rootRef,
    focusNext: (key: string) => {
      pending.current = key;
    },
  };
}

/**
 * Where focus goes after moving an item up (-1) or down (+1): the button pressed, unless the move
 * put the item at the edge and disabled it, then the other one.
 */
export function moveFocusTarget(target: number, length: number, delta: -1 | 1): "up" | "down" {
  const atEdge = target === 0 || target === length - 1;
  return atEdge ? (delta < 0 ? "down" : "up") : delta < 0 ? "up" : "down";
}
