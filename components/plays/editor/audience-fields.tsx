"use client";

import { Card } from "@/components/ui/card";
import type { Option } from "@/lib/data/lookups";
import type { TechCategory } from "@/lib/generated/prisma/enums";
import { TECH_CATEGORIES, TECH_CATEGORY_OPTIONS } from "@/lib/segmentation/options";
import { cn } from "@/lib/utils/cn";
import { OptionPicker } from "@/components/rules/option-picker";
import { RuleBuilder } from "@/components/rules/rule-builder";
import { ColorDot } from "@/components/rules/ui";
import { FieldGroup } from "./field-group";
import { isAudienceEmpty } from "./play-form";
import { AudienceCount } from "./play-preview-panel";
import type { PlayIssues } from "./play-issues";
import type { PlayFormState } from "./use-play-form";

export interface AudienceOptions {
  /** The published tier scheme's tiers, in order. */
  tiers: { key: string; name: string; color: string }[];
  /** Published segments (value = id). */
  segments: Option[];
}

const WHITESPACE_OPTIONS: Option[] = [...TECH_CATEGORY_OPTIONS];
const isTechCategory = (value: string): value is TechCategory => TECH_CATEGORIES.includes(value);

/**
 * Chosen values the options no longer hold (a segment unpublished since the draft was saved)
 * stay choosable, named as such, so they can be seen and removed.
 */
export function withMissing(options: readonly Option[], selected: readonly string[], label: (value: string) => string): Option[] {
  const known = new Set(options.map((o) => o.value));
  return [...options, ...selected.filter((v) => !known.has(v)).map((value) => ({ value, label: label(value) }))];
}

/** Who the play is for: tiers AND segments (all of / any of) AND whitespace AND an optional rule. */
export function AudienceFields({ state, options, issues, revealAll }: { state: PlayFormState; options: AudienceOptions; issues: PlayIssues; revealAll: boolean }) {
  const { form, set } = state;
  const segmentOptions = withMissing(options.segments, [...form.segmentsAll, ...form.segmentsAny], (id) => `Segment ${id} (no longer published)`);
  const tierOptions = withMissing(
    options.tiers.map((t) => ({ value: t.key, label: t.name })),
    form.tiers,
    (key) => `${key} (not in the tier scheme)`,
  );
  const tierColor = new Map(options.tiers.map((t) => [t.key, t.color]));
  const toggleTier = (key: string) => set("tiers", form.tiers.includes(key) ? form.tiers.filter((k) => k !== key) : [...form.tiers, key]);
  const general = issues.fields.audience ?? [];

  return (
    <Card
      title="Audience"
      id="play-audience-heading"
      description="An account sees the play when it meets every part you fill in. Leave a part empty to not narrow by it."
      actions={<AudienceCount preview={state.preview} blocked={state.audienceProblems.length > 0 || isAudienceEmpty(form)} />}
      testId="play-audience"
    >
      <div className="space-y-5">
        {general.length > 0 && (
          <ul role="alert" className="space-y-1 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-inset ring-red-200">
            {general.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        )}

        <FieldGroup legend="Tiers" hint="None ticked: any tier, untiered accounts included." errors={issues.fields.tiers}>
          {({ describedBy }) => (
            <div className="flex flex-wrap gap-1.5">
              {options.tiers.length === 0 && tierOptions.length === 0 && <p className="text-sm text-slate-500">No tier scheme is published yet.</p>}
              {tierOptions.map((tier) => {
                const checked = form.tiers.includes(tier.value);
                return (
                  <label
                    key={tier.value}
                    className={cn(
                      "inline-flex cursor-pointer items-center gap-2 rounded-md px-2.5 py-1.5 text-sm ring-1 ring-inset transition has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600",
                      checked ? "bg-brand-50 font-medium text-brand-900 ring-brand-300" : "bg-white text-slate-800 ring-slate-300 hover:bg-slate-50",
                    )}
                  >
                    <input
                      type="checkbox"
                      name="tiers"
                      value={tier.value}
                      checked={checked}
                      onChange={() => toggleTier(tier.value)}
                      aria-describedby={describedBy}
                      className="h-4 w-4 cursor-pointer rounded border-slate-300 accent-brand-600"
                    />
                    <ColorDot color={tierColor.get(tier.value) ?? "#94a3b8"} />
                    {tier.label}
                  </label>
                );
              })}
            </div>
          )}
        </FieldGroup>

        <div className="grid gap-5 md:grid-cols-2">
          <FieldGroup legend="In every one of these segments" hint="The account must be in all of them." errors={issues.fields.segmentsAll}>
            {({ describedBy, invalid }) => (
              <OptionPicker
                label="Segments, every one"
                noun="segment"
                options={segmentOptions}
                selected={form.segmentsAll}
                onChange={(values) => set("segmentsAll", values)}
                invalid={invalid}
                describedBy={describedBy}
              />
            )}
          </FieldGroup>
          <FieldGroup legend="In at least one of these segments" hint="The account must be in one or more of them." errors={issues.fields.segmentsAny}>
            {({ describedBy, invalid }) => (
              <OptionPicker
                label="Segments, at least one"
                noun="segment"
                options={segmentOptions}
                selected={form.segmentsAny}
                onChange={(values) => set("segmentsAny", values)}
                invalid={invalid}
                describedBy={describedBy}
              />
            )}
          </FieldGroup>
        </div>

        <FieldGroup
          legend="Lacks (whitespace)"
          hint="The account lacks at least one of these categories that most of its peers (same industry and tier) run."
          errors={issues.fields.whitespace}
        >
          {({ describedBy, invalid }) => (
            <OptionPicker
              label="Whitespace categories"
              noun="category"
              nounPlural="categories"
              options={WHITESPACE_OPTIONS}
              selected={form.whitespace}
              onChange={(values) => set("whitespace", values.filter(isTechCategory))}
              invalid={invalid}
              describedBy={describedBy}
            />
          )}
        </FieldGroup>

        <div className="space-y-2 border-t border-slate-100 pt-4">
          <div>
            <h3 className="text-sm font-medium text-slate-700">Extra rule (optional)</h3>
            <p className="text-xs text-slate-500">Any further condition, in the same rule builder as segments: e.g. hosting preference is on-premise.</p>
          </div>
          <RuleBuilder
            value={form.rule}
            onChange={(rule) => set("rule", rule)}
            issues={[...issues.rule, ...state.ruleWarnings]}
            revealAll={revealAll}
            label="Extra rule of the audience"
          />
        </div>
      </div>
    </Card>
  );
}
