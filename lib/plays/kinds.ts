/**
 * Client-safe constants of plays: play kinds, outcome kinds and the suggested-channel choice,
 * each with its label. Campaign channels and their labels already live in lib/domain/enums.ts
 * (ENUM_LABELS.campaignChannel) and lib/segmentation/options.ts; they are reused, not repeated.
 */
import { CAMPAIGN_CHANNEL_OPTIONS, type EnumOption } from "@/lib/segmentation/options";
import type { CampaignChannel } from "@/lib/generated/prisma/enums";

export const PLAY_KINDS = ["UPSELL", "CROSS_SELL", "MIGRATION", "RETENTION", "EXPANSION"] as const;
export type PlayKind = (typeof PLAY_KINDS)[number];

export const PLAY_KIND_LABELS: Readonly<Record<PlayKind, string>> = {
  UPSELL: "Upsell",
  CROSS_SELL: "Cross-sell",
  MIGRATION: "Migration",
  RETENTION: "Retention",
  EXPANSION: "Expansion",
};

export const PLAY_KIND_OPTIONS: readonly EnumOption[] = PLAY_KINDS.map((value) => ({ value, label: PLAY_KIND_LABELS[value] }));

export const OUTCOME_KINDS = ["CONTACTED", "MEETING_BOOKED", "WON", "LOST", "NOT_A_FIT", "SNOOZED"] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

export const OUTCOME_KIND_LABELS: Readonly<Record<OutcomeKind, string>> = {
  CONTACTED: "Contacted",
  MEETING_BOOKED: "Meeting booked",
  WON: "Won",
  LOST: "Lost",
  NOT_A_FIT: "Not a fit",
  SNOOZED: "Snoozed",
};

export const OUTCOME_KIND_OPTIONS: readonly EnumOption[] = OUTCOME_KINDS.map((value) => ({ value, label: OUTCOME_KIND_LABELS[value] }));

/**
 * What a rep must add to each outcome (issue 9: won with an amount, lost and not a fit with a
 * reason, snooze until a date), so the form and the validation schema ask for the same thing.
 */
export const OUTCOME_DETAIL: Readonly<Record<OutcomeKind, "amount" | "reason" | "until" | null>> = {
  CONTACTED: null,
  MEETING_BOOKED: null,
  WON: "amount",
  LOST: "reason",
  NOT_A_FIT: "reason",
  SNOOZED: "until",
};

/** Closed outcomes end the play for the account; they count in win rates. */
export const CLOSED_OUTCOMES: readonly OutcomeKind[] = ["WON", "LOST", "NOT_A_FIT"];

export function isOutcomeKind(value: string): value is OutcomeKind {
  return (OUTCOME_KINDS as readonly string[]).includes(value);
}

export function isPlayKind(value: string): value is PlayKind {
  return (PLAY_KINDS as readonly string[]).includes(value);
}

/**
 * A play's suggested channel: one fixed campaign channel, or BEST_CHANNEL = "the channel this
 * account responded to best" (lib/plays/channel.ts decides it per account, with evidence).
 */
export const BEST_CHANNEL = "BEST";
export type ChannelChoice = CampaignChannel | typeof BEST_CHANNEL;

export const CHANNEL_CHOICE_OPTIONS: readonly EnumOption[] = [
  { value: BEST_CHANNEL, label: "Best for this account" },
  ...CAMPAIGN_CHANNEL_OPTIONS,
];

export function isChannelChoice(value: string): value is ChannelChoice {
  return CHANNEL_CHOICE_OPTIONS.some((option) => option.value === value);
}
