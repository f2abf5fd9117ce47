import { Region } from "@/lib/generated/prisma/enums";
import type { Weighted } from "./random";

export interface Country {
  name: string;
  region: Region;
  /** Top-level domain local companies tend to use (".com" everywhere in North America). */
  tld: string;
}

const country = (name: string, region: Region, tld: string): Country => ({ name, region, tld });

/** Countries weighted roughly like a US-based B2B vendor's customer base. */
export const COUNTRIES: Weighted<Country> = [
  [country("United States", Region.NORTH_AMERICA, "com"), 38],
  [country("Canada", Region.NORTH_AMERICA, "ca"), 5],
  [country("United Kingdom", Region.EMEA, "co.uk"), 9],
  [country("Germany", Region.EMEA, "de"), 7],
  [country("France", Region.EMEA, "fr"), 4],
  [country("Netherlands", Region.EMEA, "nl"), 3],
  [country("Sweden", Region.EMEA, "se"), 2],
  [country("Spain", Region.EMEA, "es"), 2],
  [country("Italy", Region.EMEA, "it"), 2],
  [country("Ireland", Region.EMEA, "ie"), 1],
  [country("Switzerland", Region.EMEA, "ch"), 1],
  [country("United Arab Emirates", Region.EMEA, "ae"), 1],
  [country("South Africa", Region.EMEA, "co.za"), 1],
  [country("Brazil", Region.LATAM, "com.br"), 4],
  [country("Mexico", Region.LATAM, "com.mx"), 3],
  [country("Argentina", Region.LATAM, "com.ar"), 1],
  [country("Chile", Region.LATAM, "cl"), 1],
  [country("Colombia", Region.LATAM, "com.co"), 1],
  [country("Australia", Region.APAC, "com.au"), 4],
  [country("Japan", Region.APAC, "co.jp"), 3],
  [country("Singapore", Region.APAC, "sg"), 2],
  [country("India", Region.APAC, "in"), 4],
  [country("South Korea", Region.APAC, "co.kr"), 1],
  [country("New Zealand", Region.APAC, "co.nz"), 1],
];
