/** Industries used by the demo data and offered as enum values in rules and filters. */
export const INDUSTRIES = [
  "Software",
  "Financial Services",
  "Healthcare",
  "Manufacturing",
  "Retail",
  "Education",
  "Media",
  "Logistics",
  "Energy",
  "Professional Services",
  "Telecommunications",
  "Government",
] as const;

export type Industry = (typeof INDUSTRIES)[number];
