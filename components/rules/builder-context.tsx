"use client";

import { createContext, useContext } from "react";
import type { RuleIssue } from "./issues";
import type { EditorCondition, EditorNode, NodeAt } from "./rule-tree";

/** What every group and condition of one builder shares: the edits, the issues, focus. */
export interface BuilderApi {
  /** Prefix for DOM ids, unique per builder (several builders share a page). */
  baseId: string;
  issues: readonly RuleIssue[];
  /** Show every error in red, even on conditions still being filled in (after a failed save). */
  revealAll: boolean;
  /** Conditions just added or re-pointed at another field, whose errors are not shown in red yet. */
  isFresh: (id: string) => boolean;
  /** Reading-order number of a condition ("Condition 3"), as messages count them. */
  conditionNumber: (id: string) => number;
  canAddGroupAt: (depth: number) => boolean;
  canAddCondition: boolean;
  update: (at: NodeAt, fn: (node: EditorNode) => EditorNode, focus?: string) => void;
  updateCondition: (at: NodeAt, fn: (condition: EditorCondition) => EditorCondition, options?: { fresh?: boolean; focus?: string }) => void;
  touch: (id: string) => void;
  addCondition: (groupAt: NodeAt) => void;
  addGroup: (groupAt: NodeAt) => void;
  remove: (at: NodeAt) => void;
  move: (at: NodeAt, delta: -1 | 1) => void;
  duplicate: (at: NodeAt) => void;
  /** Whether a condition's field picker should open on mount (just added). */
  shouldAutoOpen: (id: string) => boolean;
}

export const BuilderContext = createContext<BuilderApi | null>(null);

export function useBuilder(): BuilderApi {
  const api = useContext(BuilderContext);
  if (!api) throw new Error("useBuilder outside RuleBuilder");
  return api;
}
