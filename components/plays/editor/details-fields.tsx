"use client";

import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { CHANNEL_CHOICE_OPTIONS, PLAY_KIND_OPTIONS, isChannelChoice, isPlayKind } from "@/lib/plays/kinds";
import type { PlayIssues } from "./play-issues";
import type { PlayFormState } from "./use-play-form";

/** The first of a field's messages: a plain field shows one at a time. */
const first = (messages: readonly string[] | undefined) => messages?.[0];

/** Name, goal, kind, priority, suggested channel and the optional dates of a play. */
export function DetailsFields({ state, issues }: { state: PlayFormState; issues: PlayIssues }) {
  const { form, set } = state;
  const e = issues.fields;
  return (
    <Card title="Details" id="play-details-heading" testId="play-details">
      <div className="grid gap-4 md:grid-cols-2">
        <Field label="Name" name="name" error={first(e.name)} hint="Reps see it on their worklist and the account page.">
          {(p) => <input {...p} value={form.name} onChange={(ev) => set("name", ev.target.value)} maxLength={80} autoComplete="off" placeholder="e.g. Cloud ERP migration offer" />}
        </Field>
        <Field label="Kind" name="kind" error={first(e.kind)}>
          {(p) => (
            <select {...p} value={form.kind} onChange={(ev) => isPlayKind(ev.target.value) && set("kind", ev.target.value)}>
              {PLAY_KIND_OPTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Goal" name="goal" error={first(e.goal)} hint="What the play is for, in one line." className="md:col-span-2">
          {(p) => (
            <input
              {...p}
              value={form.goal}
              onChange={(ev) => set("goal", ev.target.value)}
              maxLength={200}
              autoComplete="off"
              placeholder="e.g. Move on-premise ERP customers to our cloud edition"
            />
          )}
        </Field>
        <Field label="Suggested channel" name="channel" error={first(e.channel)} hint="“Best for this account”: the channel it responded to best, with the evidence shown to the rep.">
          {(p) => (
            <select {...p} value={form.channel} onChange={(ev) => isChannelChoice(ev.target.value) && set("channel", ev.target.value)}>
              {CHANNEL_CHOICE_OPTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Priority" name="priority" error={first(e.priority)} hint="1 to 100; higher comes first on reps’ worklists.">
          {(p) => <input {...p} type="number" inputMode="numeric" min={1} max={100} step={1} value={form.priority} onChange={(ev) => set("priority", ev.target.value)} />}
        </Field>
        <Field label="Starts on (optional)" name="startsOn" error={first(e.startsOn)} hint="Empty: from the day it is published.">
          {(p) => <input {...p} type="date" value={form.startsOn} onChange={(ev) => set("startsOn", ev.target.value)} />}
        </Field>
        <Field label="Ends on (optional)" name="endsOn" error={first(e.endsOn)} hint="Empty: until it is archived.">
          {(p) => <input {...p} type="date" value={form.endsOn} min={form.startsOn || undefined} onChange={(ev) => set("endsOn", ev.target.value)} />}
        </Field>
      </div>
    </Card>
  );
}
