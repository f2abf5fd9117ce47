/**
 * Enum cells: the value or its label in any case, ignoring spaces, hyphens and underscores
 * ("On-premise", "ON_PREMISE", "on premise"), plus a few common synonyms.
 */
import { ENUM_LABELS } from "@/lib/domain/enums";
import type { ImportEnum } from "../kinds";
import { fail, looseKey, ok, quote, type Parsed } from "./parsed";

/** Extra spellings people export, by enum (keys compared with looseKey). */
const SYNONYMS: Partial<Record<ImportEnum, Record<string, string>>> = {
  region: {
    na: "NORTH_AMERICA", noram: "NORTH_AMERICA", amer: "NORTH_AMERICA", northamerica: "NORTH_AMERICA",
    latinamerica: "LATAM", southamerica: "LATAM", lacam: "LATAM",
    europe: "EMEA", europemiddleeastafrica: "EMEA", eu: "EMEA",
    asiapacific: "APAC", asia: "APAC", apj: "APAC",
  },
  hostingPreference: { onprem: "ON_PREMISE", onpremises: "ON_PREMISE", selfhosted: "ON_PREMISE", saas: "CLOUD" },
  devicePreference: { windows: "PC", win: "PC", macos: "MAC", apple: "MAC", osx: "MAC", ubuntu: "LINUX", both: "MIXED" },
  techAdoption: { earlyadopters: "EARLY_ADOPTER", innovators: "INNOVATOR", laggards: "LAGGARD" },
  loyaltyStatus: { atrisk: "AT_RISK", risk: "AT_RISK", lost: "CHURNED", churn: "CHURNED", returning: "REPEAT", promoter: "ADVOCATE" },
  journeyStage: {
    // HubSpot lifecycle stages
    subscriber: "AWARENESS", lead: "AWARENESS",
    marketingqualifiedlead: "CONSIDERATION", mql: "CONSIDERATION", salesqualifiedlead: "CONSIDERATION", sql: "CONSIDERATION",
    opportunity: "PURCHASE", customer: "RETENTION", evangelist: "ADVOCACY",
  },
  engagementType: {
    pageview: "WEB_VISIT", websitevisit: "WEB_VISIT", visit: "WEB_VISIT", webvisit: "WEB_VISIT",
    emailopened: "EMAIL_OPEN", open: "EMAIL_OPEN", opened: "EMAIL_OPEN",
    emailclicked: "EMAIL_CLICK", click: "EMAIL_CLICK", clicked: "EMAIL_CLICK",
    meetingbooked: "MEETING", call: "MEETING",
    conference: "EVENT", tradeshow: "EVENT",
  },
};

const ENUM_LOOKUP = new Map<ImportEnum, Map<string, string>>();
function lookupFor(name: ImportEnum): Map<string, string> {
  let lookup = ENUM_LOOKUP.get(name);
  if (!lookup) {
    lookup = new Map();
    for (const [value, label] of Object.entries(ENUM_LABELS[name])) {
      lookup.set(looseKey(value), value);
      lookup.set(looseKey(label), value);
    }
    for (const [spelling, value] of Object.entries(SYNONYMS[name] ?? {})) if (!lookup.has(spelling)) lookup.set(spelling, value);
    ENUM_LOOKUP.set(name, lookup);
  }
  return lookup;
}

const ENUM_NOUNS: Record<ImportEnum, string> = {
  region: "region",
  loyaltyStatus: "loyalty status",
  usageRate: "usage rate",
  journeyStage: "journey stage",
  hostingPreference: "hosting preference",
  devicePreference: "device preference",
  techAdoption: "technology adoption stage",
  engagementType: "event type",
};

function listLabels(name: ImportEnum): string {
  const labels = Object.values(ENUM_LABELS[name]) as string[];
  return `${labels.slice(0, -1).join(", ")} or ${labels.at(-1)}`;
}

/** The database value of an enum cell: its value or label in any case, or a known synonym. */
export function parseEnum(raw: string, name: ImportEnum): Parsed<string> {
  const value = lookupFor(name).get(looseKey(raw));
  return value ? ok(value) : fail(`${quote(raw)} is not a ${ENUM_NOUNS[name]} (use ${listLabels(name)})`);
}
