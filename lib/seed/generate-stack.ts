import type { Industry } from "@/lib/domain/industries";
import {
  DevicePreference,
  HostingPreference,
  TechCategory,
  type DevicePreference as DevicePreferenceT,
  type HostingPreference as HostingPreferenceT,
} from "@/lib/generated/prisma/enums";
import { TECHNOLOGY_CATALOGUE, type CatalogueEntry, type DevicePlatform } from "./catalogue";
import type { Calendar } from "./calendar";
import type { Random, Weighted } from "./random";

/** What the stack generator needs to know about a company. */
export interface StackProfile {
  industry: Industry;
  employees: number;
  /** 0..1: how strongly the company prefers SaaS and public cloud over its own data centre. */
  cloudLean: number;
}

export interface GeneratedTechnology {
  /** Index into TECHNOLOGY_CATALOGUE (mapped to the database id when loading). */
  catalogueIndex: number;
  firstDetectedAt: string;
  lastDetectedAt: string;
  confidence: number;
}

export interface GeneratedStack {
  technologies: GeneratedTechnology[];
  hostingPreference: HostingPreferenceT;
  devicePreference: DevicePreferenceT;
}

type Size = "small" | "large";
interface Tendency {
  /** Relative popularity within its category. */
  weight: number;
  /** Industries where it is over- (or under-) represented: a multiplier. */
  industries?: Partial<Record<Industry, number>>;
  /** The company size it is typically bought by. */
  size?: Size;
  /** Vendor ecosystem it belongs to: companies standardised on Microsoft or Google favour their suites. */
  ecosystem?: Ecosystem;
}
type Ecosystem = "MICROSOFT" | "GOOGLE" | "SALESFORCE";

/** Market tendencies by technology name; anything missing has weight 10 and no preferences. */
const TENDENCIES: Record<string, Tendency> = {
  "Salesforce Sales Cloud": { weight: 40, size: "large", ecosystem: "SALESFORCE", industries: { "Financial Services": 1.5 } },
  "HubSpot CRM": { weight: 30, size: "small", industries: { Software: 1.8, Media: 1.5, "Professional Services": 1.3 } },
  "Microsoft Dynamics 365 Sales": { weight: 18, ecosystem: "MICROSOFT", industries: { Manufacturing: 1.6, Government: 1.8 } },
  "Zoho CRM": { weight: 8, size: "small" },
  "SAP S/4HANA": { weight: 30, size: "large", industries: { Manufacturing: 2.5, Energy: 2, Logistics: 1.5, Retail: 1.3 } },
  "Oracle E-Business Suite": { weight: 14, size: "large", industries: { Government: 2, "Financial Services": 1.5, Healthcare: 1.3 } },
  "Oracle NetSuite": { weight: 25, size: "small", industries: { Software: 1.8, Retail: 1.4 } },
  "Microsoft Dynamics 365 Business Central": { weight: 18, ecosystem: "MICROSOFT", industries: { Manufacturing: 1.3, Logistics: 1.3 } },
  "Marketo Engage": { weight: 25, size: "large", industries: { Software: 1.5 } },
  "HubSpot Marketing Hub": { weight: 30, size: "small", industries: { Software: 1.5, Media: 1.3 } },
  Pardot: { weight: 18, ecosystem: "SALESFORCE", industries: { "Financial Services": 1.4 } },
  Mailchimp: { weight: 15, size: "small", industries: { Retail: 1.5, Education: 1.5 } },
  "Google Analytics": { weight: 50, ecosystem: "GOOGLE" },
  "Adobe Analytics": { weight: 12, size: "large", industries: { Retail: 2, Media: 2, "Financial Services": 1.3 } },
  Mixpanel: { weight: 10, industries: { Software: 3, Media: 1.5 } },
  Tableau: { weight: 18, size: "large", ecosystem: "SALESFORCE", industries: { Healthcare: 1.4, "Financial Services": 1.4 } },
  "Microsoft Power BI": { weight: 22, ecosystem: "MICROSOFT", industries: { Manufacturing: 1.4, Government: 1.4 } },
  "Amazon Web Services": { weight: 50, industries: { Software: 1.4, Retail: 1.3, Media: 1.3 } },
  "Microsoft Azure": { weight: 35, ecosystem: "MICROSOFT", industries: { Government: 1.8, Healthcare: 1.4, Manufacturing: 1.4 } },
  "Google Cloud": { weight: 15, ecosystem: "GOOGLE", industries: { Software: 1.5, Media: 1.8, Retail: 1.3 } },
  PostgreSQL: { weight: 30, industries: { Software: 2, Telecommunications: 1.3 } },
  "Oracle Database": { weight: 25, size: "large", industries: { "Financial Services": 1.8, Government: 1.6, Telecommunications: 1.5, Energy: 1.4 } },
  "Microsoft SQL Server": { weight: 30, ecosystem: "MICROSOFT", industries: { Manufacturing: 1.5, Healthcare: 1.4, Government: 1.4 } },
  MongoDB: { weight: 12, industries: { Software: 2.5, Media: 1.5 } },
  MySQL: { weight: 18, size: "small", industries: { Retail: 1.3, Media: 1.3 } },
  Snowflake: { weight: 10, size: "large", industries: { Software: 1.5, Retail: 1.5, "Financial Services": 1.5 } },
  Slack: { weight: 30, ecosystem: "SALESFORCE", industries: { Software: 2.5, Media: 2 } },
  "Microsoft Teams": { weight: 45, ecosystem: "MICROSOFT", industries: { Government: 1.8, Manufacturing: 1.5, Healthcare: 1.5, Education: 1.4 } },
  Zoom: { weight: 25, industries: { Education: 1.8, "Professional Services": 1.3 } },
  "Google Workspace": { weight: 20, size: "small", ecosystem: "GOOGLE", industries: { Education: 1.5, Software: 1.5 } },
  Confluence: { weight: 12, industries: { Software: 3, Telecommunications: 1.5 } },
  Shopify: { weight: 40, size: "small" },
  Magento: { weight: 18 },
  "Salesforce Commerce Cloud": { weight: 15, size: "large", ecosystem: "SALESFORCE" },
  BigCommerce: { weight: 12, size: "small" },
  Okta: { weight: 30, industries: { Software: 1.6, "Financial Services": 1.4 } },
  "CrowdStrike Falcon": { weight: 30, size: "large", industries: { "Financial Services": 1.5, Healthcare: 1.4, Government: 1.3 } },
  "Palo Alto Networks NGFW": { weight: 22, size: "large", industries: { Government: 1.6, Energy: 1.5, "Financial Services": 1.4 } },
  Zscaler: { weight: 15, size: "large" },
  "Microsoft Defender": { weight: 28, ecosystem: "MICROSOFT", size: "small" },
  GitHub: { weight: 40, industries: { Software: 1.5 } },
  GitLab: { weight: 20, industries: { Telecommunications: 1.5, Government: 1.5 } },
  Jenkins: { weight: 15, size: "large", industries: { "Financial Services": 1.5, Telecommunications: 1.5 } },
  Datadog: { weight: 22, industries: { Software: 2, Media: 1.3 } },
  "Jira Software": { weight: 30 },
};

/** How likely a company of an industry runs anything in a category, and how many products it may use. */
interface CategoryPlan {
  presence: number;
  industries?: Partial<Record<Industry, number>>;
  /** Chance of a second product in the category for companies above 1,000 employees. */
  secondForLarge: number;
}

const GENERAL_CATEGORIES: Partial<Record<TechCategory, CategoryPlan>> = {
  CRM: { presence: 0.85, secondForLarge: 0.1, industries: { Government: 0.55, Education: 0.6 } },
  ERP: {
    presence: 0.35,
    secondForLarge: 0.05,
    industries: { Manufacturing: 0.92, Retail: 0.7, Logistics: 0.75, Energy: 0.75, Healthcare: 0.5, Government: 0.45 },
  },
  MARKETING_AUTOMATION: { presence: 0.6, secondForLarge: 0.1, industries: { Government: 0.15, Manufacturing: 0.4, Energy: 0.3 } },
  ANALYTICS: { presence: 0.8, secondForLarge: 0.45 },
  CLOUD_PLATFORM: { presence: 0, secondForLarge: 0.3 }, // presence follows cloudLean, see below
  DATABASE: { presence: 0.7, secondForLarge: 0.4, industries: { Software: 0.95, "Financial Services": 0.85, Telecommunications: 0.85 } },
  COLLABORATION: { presence: 0.95, secondForLarge: 0.5 },
  ECOMMERCE: { presence: 0.04, secondForLarge: 0.05, industries: { Retail: 0.85, Media: 0.3, Manufacturing: 0.2 } },
  SECURITY: { presence: 0.65, secondForLarge: 0.5, industries: { "Financial Services": 0.92, Government: 0.9, Healthcare: 0.88, Software: 0.8 } },
  DEVOPS: { presence: 0.3, secondForLarge: 0.6, industries: { Software: 0.97, Telecommunications: 0.65, "Financial Services": 0.6, Media: 0.55 } },
};

/** Share of companies whose staff mostly use Macs, by industry (Windows is the default elsewhere). */
const MAC_SHARE: Partial<Record<Industry, number>> = { Software: 0.45, Media: 0.55, Education: 0.25, "Professional Services": 0.15 };

const ECOSYSTEMS: Weighted<Ecosystem | undefined> = [
  ["MICROSOFT", 30],
  ["GOOGLE", 12],
  ["SALESFORCE", 15],
  [undefined, 43],
];

const byName = new Map(TECHNOLOGY_CATALOGUE.map((entry, index) => [entry.name, index]));
/** Tendencies by catalogue index, and the plans as a list: this runs for every generated account. */
const tendencyAt = TECHNOLOGY_CATALOGUE.map((entry): Tendency => TENDENCIES[entry.name] ?? { weight: 10 });
const PLANS = (Object.entries(GENERAL_CATEGORIES) as [TechCategory, CategoryPlan][]).map(([category, plan]) => ({
  category,
  plan,
  candidates: TECHNOLOGY_CATALOGUE.flatMap((entry, index) => (entry.category === category ? [index] : [])),
}));

function catalogueIndex(name: string): number {
  const index = byName.get(name);
  if (index === undefined) throw new Error(`unknown technology ${name}`);
  return index;
}

function entryAt(index: number): CatalogueEntry {
  const entry = TECHNOLOGY_CATALOGUE[index];
  if (!entry) throw new Error(`no catalogue entry ${index}`);
  return entry;
}

/**
 * An industry-correlated technology stack, plus the hosting and device preferences that
 * follow from it (so a company running SAP on its own servers is never labelled CLOUD).
 */
export function generateStack(random: Random, profile: StackProfile, calendar: Calendar): GeneratedStack {
  const ecosystem = random.weighted(ECOSYSTEMS);
  const large = profile.employees >= 1000;
  const picked = new Set<number>();

  const weightOf = (index: number): number => {
    const entry = entryAt(index);
    const tendency = tendencyAt[index] ?? { weight: 10 };
    let weight = tendency.weight * (tendency.industries?.[profile.industry] ?? 1);
    if (tendency.size === "large") weight *= large ? 2.5 : profile.employees < 100 ? 0.3 : 1;
    if (tendency.size === "small") weight *= profile.employees < 250 ? 2 : large ? 0.3 : 1;
    if (tendency.ecosystem && tendency.ecosystem === ecosystem) weight *= 3;
    if (entry.deployment === "SELF_HOSTED") weight *= 2 * (1 - profile.cloudLean);
    if (entry.deployment === "SAAS") weight *= 0.5 + profile.cloudLean;
    return weight;
  };
  const pickFrom = (candidates: readonly number[]) => {
    const options = candidates.filter((index) => !picked.has(index)).map((index) => [index, weightOf(index)] as const);
    if (options.length > 0) picked.add(random.weighted(options));
  };

  for (const { category, plan, candidates } of PLANS) {
    let presence = plan.industries?.[profile.industry] ?? plan.presence;
    if (category === TechCategory.CLOUD_PLATFORM) presence = 0.15 + 0.8 * profile.cloudLean;
    if (profile.employees < 20) presence *= 0.7; // the smallest firms run little beyond e-mail and a CRM
    if (!random.chance(presence)) continue;
    pickFrom(candidates);
    if (large && random.chance(plan.secondForLarge)) pickFrom(candidates);
  }

  let selfHosted = false;
  let hasCloud = false;
  for (const index of picked) {
    const entry = entryAt(index);
    selfHosted ||= entry.deployment === "SELF_HOSTED";
    hasCloud ||= entry.category === TechCategory.CLOUD_PLATFORM;
  }
  const platforms = pickDesktopPlatforms(random, profile);
  addDevices(random, picked, platforms, { selfHosted, ecosystem, large });

  const hostingPreference = !selfHosted
    ? HostingPreference.CLOUD
    : hasCloud
      ? HostingPreference.HYBRID
      : HostingPreference.ON_PREMISE;

  return {
    technologies: [...picked].sort((a, b) => a - b).map((index) => detection(random, index, calendar)),
    hostingPreference,
    devicePreference: devicePreferenceOf(platforms),
  };
}

function pickDesktopPlatforms(random: Random, profile: StackProfile): DevicePlatform[] {
  const macShare = MAC_SHARE[profile.industry] ?? 0.08;
  const primary: DevicePlatform =
    profile.industry === "Software" && random.chance(0.06) ? "LINUX" : random.chance(macShare) ? "MAC" : "WINDOWS";
  // Bigger companies are more often mixed fleets (design on Macs, finance on PCs...).
  const mixedChance = profile.employees >= 500 ? 0.35 : 0.15;
  if (!random.chance(mixedChance)) return [primary];
  const secondary: DevicePlatform = primary === "WINDOWS" ? (random.chance(0.85) ? "MAC" : "LINUX") : "WINDOWS";
  return [primary, secondary];
}

function addDevices(
  random: Random,
  picked: Set<number>,
  platforms: readonly DevicePlatform[],
  context: { selfHosted: boolean; ecosystem: Ecosystem | undefined; large: boolean },
): void {
  const osFor: Record<DevicePlatform, string> = { WINDOWS: "Windows 11", MAC: "macOS", LINUX: "Ubuntu" };
  for (const platform of platforms) {
    picked.add(catalogueIndex(osFor[platform]));
    if (!random.chance(0.8)) continue; // hardware is not always detectable
    if (platform === "MAC") picked.add(catalogueIndex("Apple Mac"));
    else picked.add(catalogueIndex(random.weighted([["Dell Latitude", 40], ["Lenovo ThinkPad", 35], ["HP EliteBook", 25]])));
  }
  if (context.selfHosted) {
    const serverOs = context.ecosystem === "MICROSOFT" || random.chance(0.45) ? "Windows Server" : "Red Hat Enterprise Linux";
    picked.add(catalogueIndex(serverOs));
    if (random.chance(context.large ? 0.6 : 0.25)) picked.add(catalogueIndex("Cisco Catalyst"));
  }
}

function devicePreferenceOf(platforms: readonly DevicePlatform[]): DevicePreferenceT {
  if (platforms.length > 1) return DevicePreference.MIXED;
  const only = platforms[0];
  return only === "MAC" ? DevicePreference.MAC : only === "LINUX" ? DevicePreference.LINUX : DevicePreference.PC;
}

/** Detection history: most tools were seen recently; some detections are stale and less certain. */
function detection(random: Random, index: number, calendar: Calendar): GeneratedTechnology {
  const firstDaysAgo = random.int(30, 1460);
  const stale = random.chance(0.12);
  const lastDaysAgo = stale ? random.int(60, Math.min(firstDaysAgo, 400)) : random.int(0, Math.min(firstDaysAgo, 45));
  const confidence = Math.round((stale ? random.real(0.5, 0.75) : random.real(0.65, 1.0)) * 100) / 100;
  return {
    catalogueIndex: index,
    firstDetectedAt: calendar.day(firstDaysAgo),
    lastDetectedAt: calendar.day(lastDaysAgo),
    confidence,
  };
}
