import {
  CampaignChannel,
  CampaignOutcome,
  DevicePreference,
  HostingPreference,
  JourneyStage,
  LoyaltyStatus,
  Region,
  TechAdoption,
  TechCategory,
  UsageRate,
} from "@/lib/generated/prisma/enums";
import { ENUM_LABELS } from "@/lib/domain/enums";
import { INDUSTRIES } from "@/lib/domain/industries";

/** One choice of an enum field: `value` is what is stored, `label` what people read. */
export interface EnumOption {
  readonly value: string;
  readonly label: string;
}

/**
 * Build options from a Prisma enum with the labels of lib/domain/enums.ts (the one place for
 * them). `labels` is keyed by the enum's values, so a schema value without a label is a type error.
 */
function fromEnum<E extends string>(enumObject: Readonly<Record<string, E>>, labels: Readonly<Record<E, string>>) {
  return Object.values(enumObject).map((value): EnumOption => ({ value, label: labels[value] }));
}

export const REGION_OPTIONS = fromEnum(Region, ENUM_LABELS.region);

export const INDUSTRY_OPTIONS: readonly EnumOption[] = INDUSTRIES.map((value) => ({ value, label: value }));

export const LOYALTY_STATUS_OPTIONS = fromEnum(LoyaltyStatus, ENUM_LABELS.loyaltyStatus);

export const USAGE_RATE_OPTIONS = fromEnum(UsageRate, ENUM_LABELS.usageRate);

export const JOURNEY_STAGE_OPTIONS = fromEnum(JourneyStage, ENUM_LABELS.journeyStage);

export const HOSTING_PREFERENCE_OPTIONS = fromEnum(HostingPreference, ENUM_LABELS.hostingPreference);

export const DEVICE_PREFERENCE_OPTIONS = fromEnum(DevicePreference, ENUM_LABELS.devicePreference);

export const TECH_ADOPTION_OPTIONS = fromEnum(TechAdoption, ENUM_LABELS.techAdoption);

export const CAMPAIGN_CHANNEL_OPTIONS = fromEnum(CampaignChannel, ENUM_LABELS.campaignChannel);

export const TECH_CATEGORY_OPTIONS = fromEnum(TechCategory, ENUM_LABELS.techCategory);

export const TECH_CATEGORIES: readonly string[] = Object.values(TechCategory);

/**
 * A campaign response counts as "responded on a channel" unless its outcome says the
 * account did not engage. Shared by the SQL compiler and the facts loader.
 */
export const NON_RESPONSE_OUTCOMES: readonly CampaignOutcome[] = [CampaignOutcome.NO_RESPONSE, CampaignOutcome.UNSUBSCRIBED];

/** Suggested (not enforced) tags for benefits sought: the column is free text. */
export const BENEFIT_SUGGESTIONS: readonly string[] = [
  "convenience",
  "durability",
  "affordability",
  "security",
  "integration",
  "scalability",
];
