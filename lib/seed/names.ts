import type { Industry } from "@/lib/domain/industries";
import type { Country } from "./geography";
import type { Random } from "./random";

/**
 * Company names from word lists: a distinctive stem ("Stonebridge", "Silver Oak", "Hartley & Boone")
 * plus an industry word, and a local legal form now and then. Several million combinations,
 * so even the 1M-account benchmark finds unique names in a few tries.
 */
const FIRST = [
  "Acorn", "Alder", "Amber", "Anchor", "Apex", "Arbor", "Arc", "Ash", "Aspen", "Atlas",
  "Aurora", "Banner", "Bay", "Beacon", "Birch", "Black", "Blue", "Bold", "Boulder", "Bright",
  "Brook", "Cardinal", "Cedar", "Central", "Clear", "Cliff", "Cobalt", "Copper", "Coral", "Crest",
  "Crown", "Crystal", "Delta", "Eagle", "East", "Echo", "Elm", "Ember", "Evergreen", "Falcon",
  "Fern", "Forge", "Fox", "Frontier", "Gold", "Granite", "Green", "Grey", "Harbor", "Hawk",
  "Heron", "High", "Hudson", "Iron", "Ivy", "Jade", "Juniper", "Keystone", "Lake", "Lantern",
  "Laurel", "Liberty", "Lion", "Maple", "Meadow", "Mesa", "Midland", "Mill", "Moss", "North",
  "Oak", "Ocean", "Onyx", "Orchard", "Pacific", "Pine", "Pioneer", "Prairie", "Quartz", "Raven",
  "Red", "Redwood", "River", "Rock", "Rose", "Sage", "Silver", "Sky", "Slate", "South",
  "Spruce", "Star", "Sterling", "Stone", "Summit", "Sun", "Swift", "Tide", "Timber", "True",
  "Union", "Valley", "Vantage", "Violet", "West", "Willow", "Wind", "Winter", "Wolf", "Zenith",
];

const SECOND = [
  "bay", "bell", "bend", "bridge", "brook", "by", "crest", "croft", "dale", "field",
  "fire", "ford", "forge", "front", "gate", "glen", "grove", "haven", "hill", "hurst",
  "land", "lane", "leaf", "light", "line", "mark", "mere", "mont", "moor", "point",
  "port", "ridge", "rock", "shore", "side", "spring", "stead", "stone", "view", "wall",
  "water", "way", "well", "wick", "wood", "works", "worth", "yard", "peak", "path",
  "star", "wave", "core", "bloom", "stream", "vale", "cove", "field", "hold", "reach",
];

/** Founders' surnames for "Hartley & Boone Partners"-style names. */
const SURNAMES = [
  "Abbott", "Ainsley", "Barrett", "Bennett", "Blake", "Boone", "Bradford", "Brennan", "Calloway", "Carver",
  "Chandler", "Cole", "Conrad", "Crawford", "Dalton", "Davenport", "Dawson", "Ellis", "Emerson", "Fairfax",
  "Fischer", "Fleming", "Foster", "Garrison", "Gibson", "Graham", "Hale", "Harper", "Hartley", "Hayes",
  "Holloway", "Hughes", "Ingram", "Jensen", "Keller", "Kendall", "Kimura", "Lambert", "Lawson", "Lindqvist",
  "Lowell", "Madsen", "Mercer", "Monroe", "Morgan", "Nakamura", "Nash", "Novak", "Okafor", "Osborne",
  "Patel", "Pierce", "Porter", "Quinn", "Ramsey", "Reyes", "Rhodes", "Rios", "Rowe", "Sato",
  "Sawyer", "Schultz", "Shaw", "Sinclair", "Sloane", "Spencer", "Stark", "Sullivan", "Tanaka", "Thornton",
  "Tucker", "Vance", "Vargas", "Vaughn", "Wagner", "Walsh", "Warren", "Webb", "Whitaker", "Winslow",
];

const INDUSTRY_WORDS: Record<Industry, readonly string[]> = {
  Software: ["Software", "Labs", "Systems", "Technologies", "Cloud", "Digital", "AI", "Data", "Apps"],
  "Financial Services": ["Capital", "Financial", "Bank", "Investments", "Asset Management", "Insurance", "Wealth", "Credit"],
  Healthcare: ["Health", "Medical", "Clinics", "Care", "Diagnostics", "Pharmaceuticals", "Biotech", "Health System"],
  Manufacturing: ["Manufacturing", "Industries", "Fabrication", "Components", "Machinery", "Precision", "Materials", "Plastics"],
  Retail: ["Retail", "Outfitters", "Supply", "Goods", "Market", "Stores", "Home", "Apparel"],
  Education: ["University", "College", "Academy", "Learning", "Institute", "School District"],
  Media: ["Media", "Studios", "Publishing", "Entertainment", "Broadcasting", "Creative", "Press"],
  Logistics: ["Logistics", "Freight", "Shipping", "Transport", "Distribution", "Carriers", "Cargo"],
  Energy: ["Energy", "Power", "Renewables", "Utilities", "Solar", "Resources", "Oil & Gas"],
  "Professional Services": ["Consulting", "Advisors", "Partners", "Group", "Associates", "Legal", "Accounting"],
  Telecommunications: ["Telecom", "Networks", "Communications", "Wireless", "Broadband", "Connect", "Fiber"],
  Government: ["County", "City Council", "Port Authority", "Transit Authority", "Water District", "Housing Authority"],
};

/** Legal forms by top-level domain; government bodies and schools never carry one. */
const LEGAL_FORMS: Record<string, readonly string[]> = {
  com: ["Inc.", "LLC", "Corp."],
  ca: ["Inc.", "Ltd."],
  "co.uk": ["Ltd", "plc"],
  de: ["GmbH", "AG"],
  fr: ["SAS", "SA"],
  nl: ["B.V."],
  se: ["AB"],
  es: ["S.L.", "S.A."],
  it: ["S.p.A.", "S.r.l."],
  ch: ["AG", "GmbH"],
  "com.br": ["Ltda."],
  "com.mx": ["S.A. de C.V."],
  "com.au": ["Pty Ltd"],
  "co.jp": ["K.K."],
  sg: ["Pte. Ltd."],
  in: ["Pvt. Ltd."],
};

const NON_COMMERCIAL: ReadonlySet<Industry> = new Set<Industry>(["Government", "Education"]);

export interface CompanyIdentity {
  name: string;
  domain: string;
}

function slug(text: string): string {
  return text.toLowerCase().replace(/&/g, "and").replace(/[^a-z0-9]+/g, "");
}

/** US public bodies and universities use .gov / .edu; elsewhere the country's domain. */
function topLevelDomain(industry: Industry, country: Country): string {
  if (industry === "Government") return country.tld === "com" ? "gov" : country.tld === "co.uk" ? "gov.uk" : country.tld;
  if (industry === "Education" && country.tld === "com") return "edu";
  return country.tld;
}

/**
 * Hands out company names and domains that are unique within one generation run.
 * Uniqueness is tracked here, so accounts must be generated in a fixed order to stay deterministic.
 */
export class CompanyNamer {
  private readonly names = new Set<string>();
  private readonly domains = new Set<string>();

  next(random: Random, industry: Industry, country: Country): CompanyIdentity {
    for (let attempt = 0; attempt < 40; attempt++) {
      const { core, domainStem, legal, tld } = this.build(random, industry, country);
      const identity = this.claim(core, domainStem, legal, tld);
      if (identity) return identity;
    }
    // Practically unreachable below millions of accounts; a numbered name keeps generation total.
    const base = this.build(random, industry, country);
    for (let n = 2; ; n++) {
      const identity = this.claim(`${base.core} ${n}`, `${base.domainStem}${n}`, base.legal, base.tld);
      if (identity) return identity;
    }
  }

  private build(random: Random, industry: Industry, country: Country) {
    const stem = this.stem(random);
    const word = random.pick(INDUSTRY_WORDS[industry]);
    const cityName = industry === "Government" && !stem.includes("&") && random.chance(0.4);
    const core = cityName ? `City of ${stem}` : `${stem} ${word}`;
    const legalForms = LEGAL_FORMS[country.tld];
    const legal = !NON_COMMERCIAL.has(industry) && legalForms && random.chance(0.35) ? random.pick(legalForms) : "";
    // Some brands own the short domain ("stonebridge.com"); most spell the name out.
    const shortDomain = random.chance(0.3) && !cityName;
    return { core, domainStem: slug(shortDomain ? stem : core), legal, tld: topLevelDomain(industry, country) };
  }

  /** The distinctive part of the name, in one of three styles real company names follow. */
  private stem(random: Random): string {
    const style = random.next();
    if (style < 0.45) return random.pick(FIRST) + random.pick(SECOND); // "Stonebridge"
    if (style < 0.8) {
      const a = random.int(0, FIRST.length - 1);
      const b = (a + random.int(1, FIRST.length - 1)) % FIRST.length; // never the same word twice
      return `${FIRST[a]} ${FIRST[b]}`; // "Silver Oak"
    }
    const founder = random.pick(SURNAMES);
    return random.chance(0.5) ? founder : `${founder} & ${random.pick(SURNAMES)}`; // "Hartley & Boone"
  }

  private claim(core: string, domainStem: string, legal: string, tld: string): CompanyIdentity | undefined {
    const domain = `${domainStem}.${tld}`;
    if (this.names.has(core) || this.domains.has(domain)) return undefined;
    this.names.add(core);
    this.domains.add(domain);
    return { name: legal ? `${core} ${legal}` : core, domain };
  }
}
