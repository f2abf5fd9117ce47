import { INDUSTRIES, type Industry } from "@/lib/domain/industries";
import {
  TechAdoption,
  type DevicePreference,
  type HostingPreference,
  type JourneyStage,
  type LoyaltyStatus,
  type Region,
  type TechAdoption as TechAdoptionT,
  type UsageRate,
} from "@/lib/generated/prisma/enums";
import { Calendar } from "./calendar";
import { generateBehaviour, campaignCalendar, type GeneratedCampaignResponse, type GeneratedEvent } from "./generate-behaviour";
import { generateOrders, type GeneratedOrder } from "./generate-orders";
import { generateStack, type GeneratedTechnology } from "./generate-stack";
import { COUNTRIES } from "./geography";
import { CompanyNamer } from "./names";
import { Random, deriveSeed, hashSeed, type Weighted } from "./random";

export type { GeneratedCampaignResponse, GeneratedEvent, GeneratedOrder, GeneratedTechnology };

/** One synthetic account with its history, exactly as it will be inserted. */
export interface GeneratedAccount {
  /** 1-based, inserted explicitly so that child rows can reference it without a round trip. */
  id: number;
  name: string;
  domain: string;
  industry: Industry;
  country: string;
  region: Region;
  employeeCount: number;
  /** Decimal strings: numeric columns must not pick up binary floating-point noise. */
  annualRevenue: string;
  potential: string;
  /** Index of the owning sales rep (0..REP_COUNT-1), or null when unassigned. */
  ownerSlot: number | null;
  loyaltyStatus: LoyaltyStatus;
  usageRate: UsageRate;
  journeyStage: JourneyStage;
  benefitsSought: string[];
  hostingPreference: HostingPreference;
  devicePreference: DevicePreference;
  techAdoption: TechAdoptionT;
  /** `YYYY-MM-DD`: when the account entered the CRM (before any of its history). */
  createdAt: string;
  orders: GeneratedOrder[];
  events: GeneratedEvent[];
  campaigns: GeneratedCampaignResponse[];
  technologies: GeneratedTechnology[];
}

export interface GenerateOptions {
  /** Any string or number; hashed to the PRNG seed. */
  seed: string | number;
  count: number;
  /** Reference day: all history is dated relative to it (midnight UTC). */
  asOf: Date;
  /** Accounts per yielded batch. */
  batchSize?: number;
}

/** Demo data is spread over this many sales reps (owner slots). */
export const REP_COUNT = 5;

const INDUSTRY_WEIGHTS: Weighted<Industry> = INDUSTRIES.map((industry) => [
  industry,
  ({ Software: 14, Manufacturing: 12, "Financial Services": 10, Healthcare: 10, "Professional Services": 10 } as Partial<
    Record<Industry, number>
  >)[industry] ?? 6,
]);

/** Typical revenue per employee (USD) by industry; government "revenue" is its budget. */
const REVENUE_PER_EMPLOYEE: Record<Industry, number> = {
  Software: 250_000,
  "Financial Services": 400_000,
  Healthcare: 150_000,
  Manufacturing: 300_000,
  Retail: 200_000,
  Education: 90_000,
  Media: 220_000,
  Logistics: 180_000,
  Energy: 550_000,
  "Professional Services": 170_000,
  Telecommunications: 350_000,
  Government: 120_000,
};

/** How early an industry adopts technology (shifts the adoption curve) and how much it favours cloud. */
const INNOVATION_BIAS: Partial<Record<Industry, number>> = {
  Software: 0.7,
  Media: 0.35,
  Telecommunications: 0.3,
  "Financial Services": 0.1,
  Retail: 0.05,
  Healthcare: -0.15,
  Logistics: -0.2,
  Education: -0.2,
  Manufacturing: -0.4,
  Energy: -0.4,
  Government: -0.7,
};

/**
 * Rep territories: North America split between reps 1 and 2, EMEA mostly rep 3,
 * LATAM rep 4 (who also helps in EMEA), APAC rep 5. One account in twenty is unassigned.
 */
const TERRITORIES: Record<Region, Weighted<number>> = {
  NORTH_AMERICA: [[0, 50], [1, 50]],
  EMEA: [[2, 70], [3, 30]],
  LATAM: [[3, 100]],
  APAC: [[4, 100]],
};

/** Generate accounts in batches; same options ⇒ identical output, whatever the batch size. */
export function* generateAccounts(options: GenerateOptions): Generator<GeneratedAccount[]> {
  const base = hashSeed(options.seed);
  const calendar = new Calendar(options.asOf);
  const campaigns = campaignCalendar(calendar);
  const namer = new CompanyNamer();
  const batchSize = options.batchSize ?? 2_000;
  let batch: GeneratedAccount[] = [];
  for (let index = 0; index < options.count; index++) {
    batch.push(generateAccount(new Random(deriveSeed(base, index)), index + 1, { calendar, campaigns, namer }));
    if (batch.length === batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

interface Shared {
  calendar: Calendar;
  campaigns: ReturnType<typeof campaignCalendar>;
  namer: CompanyNamer;
}

function generateAccount(random: Random, id: number, { calendar, campaigns, namer }: Shared): GeneratedAccount {
  const industry = random.weighted(INDUSTRY_WEIGHTS);
  const country = random.weighted(COUNTRIES);
  const { name, domain } = namer.next(random, industry, country);

  const sizeShift = industry === "Government" ? 0.7 : industry === "Education" ? 0.4 : industry === "Professional Services" ? -0.4 : 0;
  const employeeCount = Math.round(Math.min(250_000, Math.max(3, random.logNormal(Math.log(150) + sizeShift, 1.6))));
  const revenue = employeeCount * REVENUE_PER_EMPLOYEE[industry] * random.logNormal(0, 0.35);
  const annualRevenue = Math.max(100_000, Math.round(revenue / 1000) * 1000);

  // A latent "innovativeness": drives the adoption category and how cloud-first the stack is.
  const innovation = random.normal(INNOVATION_BIAS[industry] ?? 0, 1);
  const techAdoption = adoptionOf(innovation);
  // Big enterprises keep more of their own data centres whatever their attitude.
  const cloudLean = 1 / (1 + Math.exp(-(0.9 * innovation + 0.4 - 0.25 * Math.log10(employeeCount / 100))));
  const stack = generateStack(random, { industry, employees: employeeCount, cloudLean }, calendar);

  const history = generateOrders(random, employeeCount, calendar);
  const behaviour = generateBehaviour(
    random,
    { industry, loyalty: history.loyaltyStatus, isCustomer: history.isCustomer, campaigns },
    calendar,
  );

  // Whitespace: a share of the company's revenue it could spend with us, less what it already does.
  const wallet = annualRevenue * random.logNormal(Math.log(0.003), 0.6);
  const potential = Math.min(9e10, Math.max(0, Math.round((wallet - history.annualSpend) / 100) * 100));

  const ownerSlot = random.chance(0.95) ? random.weighted(TERRITORIES[country.region]) : null;
  const createdAt = calendar.day((history.firstOrderDaysAgo ?? random.int(20, 900)) + random.int(5, 90));

  return {
    id,
    name,
    domain,
    industry,
    country: country.name,
    region: country.region,
    employeeCount,
    annualRevenue: `${annualRevenue}.00`,
    potential: `${potential}.00`,
    ownerSlot,
    loyaltyStatus: history.loyaltyStatus,
    usageRate: behaviour.usageRate,
    journeyStage: behaviour.journeyStage,
    benefitsSought: behaviour.benefitsSought,
    hostingPreference: stack.hostingPreference,
    devicePreference: stack.devicePreference,
    techAdoption,
    createdAt,
    orders: history.orders,
    events: behaviour.events,
    campaigns: behaviour.campaigns,
    technologies: stack.technologies,
  };
}

/** Rogers' diffusion curve: 2.5% innovators, 13.5% early adopters, 34/34% majorities, 16% laggards. */
function adoptionOf(innovation: number): TechAdoptionT {
  if (innovation > 1.96) return TechAdoption.INNOVATOR;
  if (innovation > 1) return TechAdoption.EARLY_ADOPTER;
  if (innovation > 0) return TechAdoption.EARLY_MAJORITY;
  if (innovation > -1) return TechAdoption.LATE_MAJORITY;
  return TechAdoption.LAGGARD;
}

