"use client";

import { ArrowDown, ArrowUp, CircleAlert, Copy, Trash2, TriangleAlert } from "lucide-react";
import { ThresholdSuggestions } from "@/components/backtest/threshold-suggestions";
import { applyThreshold } from "@/lib/backtest/suggest";
import { findField } from "@/lib/segmentation/fields";
import { findOperator, operatorsFor } from "@/lib/segmentation/operators";
import type { RulePath } from "@/lib/segmentation/rule";
import { cn } from "@/lib/utils/cn";
import { useBuilder } from "./builder-context";
import { FieldPicker } from "./field-picker";
import { conditionIssues, issuePart, shortMessage } from "./issues";
import { valueKindOf, withField, withOperator } from "./condition-edits";
import { rulePathOf, type EditorCondition, type NodeAt } from "./rule-tree";
import { IconButton } from "./ui";
import { ValueInput } from "./value-input";

/** Value kinds with two inputs: they move to their own line rather than squeeze. */
const WIDE_VALUES = new Set(["range", "dateRange", "detectedWithin"]);

/** One `field operator value` line of a rule, with its problems shown right under it. */
export function ConditionRow({ condition, at, isFirst, isLast }: { condition: EditorCondition; at: NodeAt; isFirst: boolean; isLast: boolean }) {
  const api = useBuilder();
  const path = rulePathOf(at);
  const field = findField(condition.field);
  const operator = field ? findOperator(field.type, condition.operator) : undefined;
  const number = api.conditionNumber(condition.id);
  const mine = conditionIssues(api.issues, condition.id, path);
  const errors = mine.filter((i) => i.severity === "error");
  const warnings = mine.filter((i) => i.severity === "warning");
  const showErrors = errors.length > 0 && (api.revealAll || !api.isFresh(condition.id));
  const messageId = `${api.baseId}-${condition.id}-msg`;
  const describedBy = mine.length > 0 ? messageId : undefined;
  const parts = showErrors ? errors.map((e) => issuePart(e, path)) : [];
  const wholeRow = parts.some((p) => p === null);
  const invalidPart = (part: "field" | "operator") => parts.some((p) => p?.part === part);
  const invalidAt = (sub: RulePath) =>
    parts.some((p) => p?.part === "value" && (sub.length === 0 ? p.sub.length === 0 : sub.every((key, i) => p.sub[i] === key)));
  const focus = (what: string) => `${condition.id}:${what}`;
  const description = field && operator ? `${field.label} ${operator.label}` : field?.label;

  return (
    <div
      role="group"
      aria-label={`Condition ${number}${description ? `: ${description}` : ""}`}
      data-condition-id={condition.id}
      data-field={condition.field || undefined}
      className={cn(
        "group/row rounded-lg px-2 py-2 transition-colors",
        showErrors ? "bg-red-50/70 ring-1 ring-inset ring-red-200" : "hover:bg-slate-50",
      )}
    >
      <div className="flex flex-wrap items-start gap-2">
        <div className="flex min-w-0 flex-1 flex-wrap items-start gap-2">
          <FieldPicker
            value={condition.field}
            onChange={(key) => {
              const next = withField(condition, key);
              // Keyboard flow: after the field, go straight to what still needs filling in.
              const needsValue = valueKindOf(next) !== "none";
              api.updateCondition(at, () => next, { fresh: key !== condition.field, focus: focus(needsValue ? "value" : "operator") });
            }}
            defaultOpen={api.shouldAutoOpen(condition.id)}
            invalid={invalidPart("field") || wholeRow}
            describedBy={describedBy}
            focusKey={focus("field")}
          />
          {field && (
            <select
              name={focus("operator")}
              aria-label={`Operator for ${field.label}`}
              value={operator?.key ?? ""}
              onChange={(e) => api.updateCondition(at, (c) => withOperator(c, e.target.value))}
              aria-invalid={invalidPart("operator") || undefined}
              aria-describedby={describedBy}
              data-focus={focus("operator")}
              className="h-9 w-full rounded-md border-0 bg-white py-0 pl-2.5 pr-8 text-sm text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-brand-600 aria-[invalid=true]:ring-red-500 sm:w-auto sm:max-w-60"
            >
              {!operator && <option value="">Choose…</option>}
              {operatorsFor(field.type).map((op) => (
                <option key={op.key} value={op.key}>
                  {op.label}
                </option>
              ))}
            </select>
          )}
          {field && operator && operator.value !== "none" && (
            <div className={cn("flex flex-1", WIDE_VALUES.has(operator.value) ? "min-w-80" : "min-w-48")}>
              <ValueInput
                field={field}
                operator={operator}
                value={condition.value}
                onChange={(value) => api.updateCondition(at, (c) => ({ ...c, value }))}
                onCommit={() => api.touch(condition.id)}
                invalidAt={invalidAt}
                describedBy={describedBy}
                focusKey={focus("value")}
              />
            </div>
          )}
          {field && operator && (field.type === "number" || field.type === "money") && (
            <ThresholdSuggestions
              field={field}
              operator={operator.key}
              onApply={(threshold) => api.updateCondition(at, (c) => ({ ...c, value: applyThreshold(c.operator, c.value, threshold) }))}
            />
          )}
        </div>
        <div className="flex shrink-0 items-center gap-0.5">
          <IconButton label={`Move condition ${number} up`} disabled={isFirst} onClick={() => api.move(at, -1)} data-focus={focus("up")}>
            <ArrowUp className="h-4 w-4" aria-hidden />
          </IconButton>
          <IconButton label={`Move condition ${number} down`} disabled={isLast} onClick={() => api.move(at, 1)} data-focus={focus("down")}>
            <ArrowDown className="h-4 w-4" aria-hidden />
          </IconButton>
          <IconButton label={`Duplicate condition ${number}`} disabled={!api.canAddCondition} onClick={() => api.duplicate(at)} data-focus={focus("duplicate")}>
            <Copy className="h-4 w-4" aria-hidden />
          </IconButton>
          <IconButton label={`Remove condition ${number}`} tone="danger" onClick={() => api.remove(at)} data-focus={focus("remove")}>
            <Trash2 className="h-4 w-4" aria-hidden />
          </IconButton>
        </div>
      </div>
      {mine.length > 0 && (
        <ul id={messageId} className="mt-1.5 space-y-0.5 pl-0.5 text-sm">
          {errors.map((issue, i) => (
            <li key={`e${i}`} className={cn("flex items-start gap-1.5", showErrors ? "text-red-700" : "text-slate-500")}>
              <CircleAlert className="mt-0.5 h-3.5 w-3.5 shrink-0" aria-hidden />
              <span>
                <span className="sr-only">{showErrors ? "Error: " : "To finish: "}</span>
                {shortMessage(issue.message)}
              </span>
            </li>
          ))}
          {warnings.map((issue, i) => (
            <li key={`w${i}`} className="flex items-start gap-1.5 text-amber-800">
              <TriangleAlert className="mt-0.5 h-3.5 w-3.5 shrink-0" aria-hidden />
              <span>
                <span className="sr-only">Warning: </span>
                {shortMessage(issue.message)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
