/**
 * Countries an import recognises, with the sales region each belongs to, so that a file with a
 * country but no region still places the account. Names are stored as written here; ISO 3166
 * alpha-2 and alpha-3 codes and a few common variants are accepted.
 */
import type { Region } from "@/lib/generated/prisma/enums";

type Entry = readonly [name: string, alpha2: string, alpha3: string, ...variants: string[]];

const BY_REGION: Readonly<Record<Region, readonly Entry[]>> = {
  NORTH_AMERICA: [
    ["United States", "US", "USA", "United States of America", "U.S.", "U.S.A.", "America"],
    ["Canada", "CA", "CAN"],
  ],
  LATAM: [
    ["Mexico", "MX", "MEX", "México"],
    ["Brazil", "BR", "BRA", "Brasil"],
    ["Argentina", "AR", "ARG"],
    ["Chile", "CL", "CHL"],
    ["Colombia", "CO", "COL"],
    ["Peru", "PE", "PER", "Perú"],
    ["Uruguay", "UY", "URY"],
    ["Paraguay", "PY", "PRY"],
    ["Bolivia", "BO", "BOL"],
    ["Ecuador", "EC", "ECU"],
    ["Venezuela", "VE", "VEN"],
    ["Costa Rica", "CR", "CRI"],
    ["Panama", "PA", "PAN", "Panamá"],
    ["Guatemala", "GT", "GTM"],
    ["Dominican Republic", "DO", "DOM"],
    ["Puerto Rico", "PR", "PRI"],
  ],
  EMEA: [
    ["United Kingdom", "GB", "GBR", "UK", "U.K.", "Great Britain", "England", "Scotland", "Wales", "Northern Ireland"],
    ["Ireland", "IE", "IRL"],
    ["Germany", "DE", "DEU", "Deutschland"],
    ["France", "FR", "FRA"],
    ["Netherlands", "NL", "NLD", "The Netherlands", "Holland"],
    ["Belgium", "BE", "BEL"],
    ["Luxembourg", "LU", "LUX"],
    ["Switzerland", "CH", "CHE", "Schweiz", "Suisse"],
    ["Austria", "AT", "AUT", "Österreich"],
    ["Italy", "IT", "ITA", "Italia"],
    ["Spain", "ES", "ESP", "España"],
    ["Portugal", "PT", "PRT"],
    ["Sweden", "SE", "SWE", "Sverige"],
    ["Norway", "NO", "NOR", "Norge"],
    ["Denmark", "DK", "DNK", "Danmark"],
    ["Finland", "FI", "FIN", "Suomi"],
    ["Iceland", "IS", "ISL"],
    ["Poland", "PL", "POL", "Polska"],
    ["Czech Republic", "CZ", "CZE", "Czechia"],
    ["Slovakia", "SK", "SVK"],
    ["Hungary", "HU", "HUN"],
    ["Romania", "RO", "ROU"],
    ["Bulgaria", "BG", "BGR"],
    ["Greece", "GR", "GRC"],
    ["Croatia", "HR", "HRV"],
    ["Slovenia", "SI", "SVN"],
    ["Serbia", "RS", "SRB"],
    ["Estonia", "EE", "EST"],
    ["Latvia", "LV", "LVA"],
    ["Lithuania", "LT", "LTU"],
    ["Ukraine", "UA", "UKR"],
    ["Turkey", "TR", "TUR", "Türkiye", "Turkiye"],
    ["Israel", "IL", "ISR"],
    ["United Arab Emirates", "AE", "ARE", "UAE", "U.A.E."],
    ["Saudi Arabia", "SA", "SAU"],
    ["Qatar", "QA", "QAT"],
    ["Kuwait", "KW", "KWT"],
    ["Bahrain", "BH", "BHR"],
    ["Oman", "OM", "OMN"],
    ["Jordan", "JO", "JOR"],
    ["Egypt", "EG", "EGY"],
    ["Morocco", "MA", "MAR"],
    ["Tunisia", "TN", "TUN"],
    ["Nigeria", "NG", "NGA"],
    ["Ghana", "GH", "GHA"],
    ["Kenya", "KE", "KEN"],
    ["South Africa", "ZA", "ZAF"],
    ["Cyprus", "CY", "CYP"],
    ["Malta", "MT", "MLT"],
  ],
  APAC: [
    ["Australia", "AU", "AUS"],
    ["New Zealand", "NZ", "NZL"],
    ["Japan", "JP", "JPN"],
    ["South Korea", "KR", "KOR", "Korea", "Republic of Korea", "Korea, Republic of"],
    ["China", "CN", "CHN", "People's Republic of China", "PRC"],
    ["Hong Kong", "HK", "HKG"],
    ["Taiwan", "TW", "TWN"],
    ["Singapore", "SG", "SGP"],
    ["India", "IN", "IND"],
    ["Indonesia", "ID", "IDN"],
    ["Malaysia", "MY", "MYS"],
    ["Thailand", "TH", "THA"],
    ["Vietnam", "VN", "VNM", "Viet Nam"],
    ["Philippines", "PH", "PHL"],
    ["Pakistan", "PK", "PAK"],
    ["Bangladesh", "BD", "BGD"],
    ["Sri Lanka", "LK", "LKA"],
  ],
};

export interface KnownCountry {
  name: string;
  region: Region;
}

const key = (value: string) => value.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]/g, "");

const LOOKUP = new Map<string, KnownCountry>();
for (const [region, entries] of Object.entries(BY_REGION) as [Region, readonly Entry[]][]) {
  for (const [name, ...others] of entries) {
    for (const spelling of [name, ...others]) LOOKUP.set(key(spelling), { name, region });
  }
}

/** The country's canonical name and region, or undefined when it is not in the list. */
export function findCountry(value: string): KnownCountry | undefined {
  return LOOKUP.get(key(value));
}
