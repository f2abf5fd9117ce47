import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * An account's own attributes (firmographics, value, behaviour, technographics), as the account
 * page (lib/data/account-detail.ts) types them. The rule evaluator's facts (account-facts.ts) take
 * their columns from the field registry instead.
 */
export const ACCOUNT_ATTRIBUTES = {
  id: true,
  name: true,
  domain: true,
  industry: true,
  country: true,
  region: true,
  employeeCount: true,
  annualRevenue: true,
  lifetimeValue: true,
  orderCount: true,
  avgOrderValue: true,
  orders12m: true,
  firstOrderAt: true,
  lastOrderAt: true,
  potential: true,
  loyaltyStatus: true,
  usageRate: true,
  engagement30d: true,
  engagement90d: true,
  engagementScore: true,
  journeyStage: true,
  benefitsSought: true,
  hostingPreference: true,
  devicePreference: true,
  techAdoption: true,
} as const satisfies Prisma.AccountSelect;

/** An account row as ACCOUNT_ATTRIBUTES reads it (enum fields typed by the schema). */
export type AccountAttributes = Prisma.AccountGetPayload<{ select: typeof ACCOUNT_ATTRIBUTES }>;
