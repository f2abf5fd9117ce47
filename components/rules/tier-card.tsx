"use client";

import { ArrowDown, ArrowUp, Lock, Trash2 } from "lucide-react";
import { useId } from "react";
import type { TierPreviewTier } from "@/lib/data/rules/preview";
import { parseRule } from "@/lib/segmentation/schema";
import { describeRule } from "@/lib/segmentation/text";
import { cn } from "@/lib/utils/cn";
import { useNameLookups } from "./catalog";
import { ColorField } from "./color-field";
import type { RuleIssue, TierIssues } from "./issues";
import { IssueList } from "./preview-bits";
import { shortMoney } from "./format";
import { RuleBuilder } from "./rule-builder";
import { toRuleJson, type EditorGroup } from "./rule-tree";
import { plural } from "@/lib/utils/format";
import { IconButton } from "./ui";

export interface EditorTier {
  /** Client-only identity (React key, focus), stable across renames and moves. */
  uid: string;
  key: string;
  name: string;
  color: string;
  rule: EditorGroup;
  /** Saved at least once: its key is fixed from then on. */
  persisted: boolean;
}

/** One tier of the scheme: name, colour, key, order and its rule, with its live numbers and problems. */
export function TierCard({
  tier,
  index,
  count,
  issues,
  warnings,
  stats,
  estimated = false,
  revealAll,
  onChange,
  onMove,
  onRemove,
}: {
  tier: EditorTier;
  index: number;
  count: number;
  issues: TierIssues;
  warnings: { rule: RuleIssue[]; tier: RuleIssue[] };
  stats: TierPreviewTier | null;
  /** The stats are an estimate from a sample (the exact ones follow). */
  estimated?: boolean;
  revealAll: boolean;
  onChange: (tier: EditorTier) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}) {
  const id = useId();
  const lookups = useNameLookups();
  const parsed = parseRule(toRuleJson(tier.rule));
  const text = parsed.ok ? describeRule(parsed.rule, lookups) : null;
  const position = index + 1;
  const validColor = /^#[0-9a-fA-F]{6}$/.test(tier.color) ? tier.color : "#94a3b8";
  const tierProblems = [...issues.tier, ...warnings.tier];

  return (
    <section
      aria-labelledby={`${id}-title`}
      data-testid="tier-card"
      data-tier-key={tier.key}
      className="overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-slate-200"
    >
      <div className="h-1" style={{ backgroundColor: validColor }} aria-hidden="true" />
      <header className="flex flex-wrap items-start gap-x-4 gap-y-3 border-b border-slate-100 px-5 py-4">
        <h2 id={`${id}-title`} className="sr-only">
          Tier {position}: {tier.name || "untitled"}
        </h2>
        <span
          aria-hidden="true"
          className="mt-6 flex h-7 w-7 shrink-0 items-center justify-center rounded-full text-xs font-bold text-white"
          style={{ backgroundColor: validColor }}
        >
          {position}
        </span>
        <div className="min-w-48 flex-1 space-y-1">
          <label htmlFor={`${id}-name`} className="block text-sm font-medium text-slate-700">
            Name
          </label>
          <input
            id={`${id}-name`}
            value={tier.name}
            maxLength={60}
            onChange={(e) => onChange({ ...tier, name: e.target.value })}
            aria-invalid={issues.fields.name ? true : undefined}
            aria-describedby={issues.fields.name ? `${id}-name-error` : `${id}-key`}
            className="block h-9 w-full rounded-md border-0 bg-white px-3 text-sm font-medium text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-brand-600 aria-[invalid=true]:ring-red-500"
          />
          {issues.fields.name ? (
            <p id={`${id}-name-error`} className="text-sm text-red-700">
              {issues.fields.name}
            </p>
          ) : (
            <p id={`${id}-key`} className="flex items-center gap-1 text-xs text-slate-500">
              {tier.persisted && <Lock className="h-3 w-3" aria-hidden />}
              Key <code className="rounded bg-slate-100 px-1 font-mono text-[11px] text-slate-700">{tier.key}</code>
              {tier.persisted ? "(fixed: memberships refer to it)" : "(from the name; fixed once saved)"}
            </p>
          )}
          {issues.fields.key && <p className="text-sm text-red-700">{issues.fields.key}</p>}
        </div>
        <ColorField label="Colour" value={tier.color} onChange={(color) => onChange({ ...tier, color })} error={issues.fields.color} swatches={false} />
        <div className="ml-auto flex items-center gap-0.5 self-center">
          <IconButton label={`Move tier ${position} up`} disabled={index === 0} onClick={() => onMove(-1)} data-focus={`${tier.uid}:up`}>
            <ArrowUp className="h-4 w-4" aria-hidden />
          </IconButton>
          <IconButton label={`Move tier ${position} down`} disabled={index === count - 1} onClick={() => onMove(1)} data-focus={`${tier.uid}:down`}>
            <ArrowDown className="h-4 w-4" aria-hidden />
          </IconButton>
          <IconButton label={`Remove tier ${position}`} tone="danger" disabled={count === 1} onClick={onRemove}>
            <Trash2 className="h-4 w-4" aria-hidden />
          </IconButton>
        </div>
      </header>

      <div className="space-y-3 px-5 py-4">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
          <span className="font-medium text-slate-700">{position === 1 ? "Accounts that meet this rule" : "Accounts not in an earlier tier that meet this rule"}</span>
          {stats && (
            <span className={cn("tabular text-slate-500")}>
              · {estimated ? `≈ ${plural(Number(stats.count.toPrecision(3)), "account")}` : plural(stats.count, "account")} · {estimated && "≈ "}
              {shortMoney(stats.lifetimeValue)} lifetime value
            </span>
          )}
        </div>
        {tierProblems.length > 0 && <IssueList issues={tierProblems} short className="rounded-md bg-amber-50/60 px-3 py-2 ring-1 ring-inset ring-amber-200" />}
        <RuleBuilder
          value={tier.rule}
          onChange={(rule) => onChange({ ...tier, rule })}
          issues={[...issues.rule, ...warnings.rule]}
          revealAll={revealAll}
          label={`Rule for tier ${position}, ${tier.name}`}
        />
        {text && (
          <p className="rounded-lg bg-slate-50 px-3 py-2 text-sm text-slate-700 ring-1 ring-inset ring-slate-200">
            <span className="mr-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Reads as</span> {text}
          </p>
        )}
      </div>
    </section>
  );
}
