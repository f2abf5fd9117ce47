import { LoyaltyStatus, type LoyaltyStatus as LoyaltyStatusT } from "@/lib/generated/prisma/enums";
import type { Calendar } from "./calendar";
import type { Random, Weighted } from "./random";

export interface GeneratedOrder {
  orderedAt: string;
  /** Whole cents, as a decimal string for numeric(14,2). */
  amount: string;
  productLine: string;
}

export interface OrderHistory {
  loyaltyStatus: LoyaltyStatusT;
  /** False for prospects: no orders at all. */
  isCustomer: boolean;
  orders: GeneratedOrder[];
  /** Typical spend per year, used to size the remaining whitespace. */
  annualSpend: number;
  /** Days before asOf of the first order; null for prospects. */
  firstOrderDaysAgo: number | null;
}

/** Orders reach back three years from asOf. */
export const HISTORY_DAYS = 3 * 365;

const PROSPECT_SHARE = 0.2;

/** Loyalty mix among customers (prospects are NEW with no orders). */
const CUSTOMER_LOYALTY: Weighted<LoyaltyStatusT> = [
  [LoyaltyStatus.NEW, 14],
  [LoyaltyStatus.REPEAT, 38],
  [LoyaltyStatus.ADVOCATE, 10],
  [LoyaltyStatus.AT_RISK, 20],
  [LoyaltyStatus.CHURNED, 18],
];

/**
 * The loyalty mix shifted by order size: the bigger an account's typical order, the likelier it
 * keeps buying (REPEAT, ADVOCATE) and the less likely it fades (AT_RISK, CHURNED). Each factor of
 * ten in order size above $3,000 multiplies the odds of staying by about 2.2 and divides those of
 * fading by as much. Behaviour follows loyalty (generate-behaviour.ts), so the accounts that engage
 * most are also the ones that keep ordering: what the backtest of a value tier should find.
 */
export function loyaltyWeights(typicalOrder: number): Weighted<LoyaltyStatusT> {
  const z = Math.min(2, Math.max(-1, Math.log10(typicalOrder / 3000)));
  const stay = Math.exp(0.8 * z);
  return CUSTOMER_LOYALTY.map(([status, weight]) => {
    if (status === LoyaltyStatus.REPEAT || status === LoyaltyStatus.ADVOCATE) return [status, weight * stay] as const;
    if (status === LoyaltyStatus.AT_RISK || status === LoyaltyStatus.CHURNED) return [status, weight / stay] as const;
    return [status, weight] as const;
  });
}

/** Product lines and how their order size compares with the account's typical order. */
const PRODUCT_LINES: Weighted<readonly [string, number]> = [
  [["Platform Subscription", 1], 40],
  [["Add-on Modules", 0.45], 22],
  [["Professional Services", 0.8], 15],
  [["Premium Support", 0.35], 13],
  [["Training", 0.15], 10],
];

interface Pattern {
  /** Ranges, in days before asOf, of the last order (which decides the status) and of the first. */
  lastOrder: readonly [number, number];
  firstOrder: readonly [number, number];
  /** Median orders per year, and the order counts the status implies. */
  perYear: number;
  minOrders: number;
  maxOrders?: number;
}

/**
 * Ordering pattern per loyalty status. AT_RISK: nothing in the last six months;
 * CHURNED: nothing in the last year, which the derived orders_12m = 0 then confirms.
 */
const PATTERNS: Record<LoyaltyStatusT, Pattern> = {
  NEW: { lastOrder: [0, 120], firstOrder: [10, 270], perYear: 2, minOrders: 1, maxOrders: 4 },
  REPEAT: { lastOrder: [0, 120], firstOrder: [365, HISTORY_DAYS], perYear: 4, minOrders: 2 },
  ADVOCATE: { lastOrder: [0, 40], firstOrder: [540, HISTORY_DAYS], perYear: 10, minOrders: 6 },
  AT_RISK: { lastOrder: [181, 365], firstOrder: [420, HISTORY_DAYS], perYear: 3, minOrders: 1 },
  CHURNED: { lastOrder: [366, 480], firstOrder: [500, HISTORY_DAYS], perYear: 2, minOrders: 1 },
};

/**
 * Loyalty status and the order history that matches it. Order values are Pareto-distributed per
 * account (a few whales, many small buyers) and grow with company size; frequency follows loyalty.
 */
export function generateOrders(random: Random, employees: number, calendar: Calendar): OrderHistory {
  if (random.chance(PROSPECT_SHARE)) {
    return { loyaltyStatus: LoyaltyStatus.NEW, isCustomer: false, orders: [], annualSpend: 0, firstOrderDaysAgo: null };
  }
  // The account's order size comes first: it decides how likely the account is to stay.
  const typicalOrder = Math.min(400_000, random.pareto(1500, 1.3) * Math.pow(employees / 150, 0.35));
  const loyaltyStatus = random.weighted(loyaltyWeights(typicalOrder));
  const pattern = PATTERNS[loyaltyStatus];
  const end = random.int(pattern.lastOrder[0], pattern.lastOrder[1]);
  const start = Math.max(end, random.int(pattern.firstOrder[0], pattern.firstOrder[1]));

  // Larger companies order a little more often and much bigger.
  const sizeFactor = Math.min(2, Math.max(0.6, 1 + 0.25 * Math.log10(employees / 100)));
  const perYear = pattern.perYear * sizeFactor * random.logNormal(0, 0.35);
  const years = Math.max(start - end, 1) / 365;
  let count = Math.max(pattern.minOrders, random.poisson(perYear * years));
  if (pattern.maxOrders !== undefined) count = Math.min(count, pattern.maxOrders);

  // The last order decides the status, so it is always there; the first opens the relationship.
  const days: number[] = [end];
  if (count > 1) days.push(start);
  while (days.length < count) days.push(random.int(end, start));
  days.sort((a, b) => b - a); // oldest first, so order ids ascend with time

  let total = 0;
  const orders = days.map((daysAgo): GeneratedOrder => {
    const [productLine, scale] = random.weighted(PRODUCT_LINES);
    const cents = Math.max(5_000, Math.round(typicalOrder * scale * random.logNormal(0, 0.45) * 100));
    total += cents / 100;
    return { orderedAt: calendar.day(daysAgo), amount: formatCents(cents), productLine };
  });
  return { loyaltyStatus, isCustomer: true, orders, annualSpend: total / Math.max(years, 1), firstOrderDaysAgo: count > 1 ? start : end };
}

function formatCents(cents: number): string {
  const whole = Math.floor(cents / 100);
  return `${whole}.${String(cents % 100).padStart(2, "0")}`;
}
