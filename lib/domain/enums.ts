/**
 * Display labels for every enum of the account domain: the one place UI, filters,
 * rule text and exports take them from. Keys are the database enum values.
 */
export const ENUM_LABELS = {
  region: { NORTH_AMERICA: "North America", LATAM: "Latin America", EMEA: "EMEA", APAC: "APAC" },
  loyaltyStatus: { NEW: "New", REPEAT: "Repeat", ADVOCATE: "Advocate", AT_RISK: "At risk", CHURNED: "Churned" },
  usageRate: { HEAVY: "Heavy", MEDIUM: "Medium", LIGHT: "Light", NONE: "None" },
  journeyStage: {
    AWARENESS: "Awareness",
    CONSIDERATION: "Consideration",
    PURCHASE: "Purchase",
    RETENTION: "Retention",
    ADVOCACY: "Advocacy",
  },
  hostingPreference: { CLOUD: "Cloud", ON_PREMISE: "On-premise", HYBRID: "Hybrid" },
  devicePreference: { MAC: "Mac", PC: "PC", MIXED: "Mixed", LINUX: "Linux" },
  techAdoption: {
    INNOVATOR: "Innovator",
    EARLY_ADOPTER: "Early adopter",
    EARLY_MAJORITY: "Early majority",
    LATE_MAJORITY: "Late majority",
    LAGGARD: "Laggard",
  },
  engagementType: {
    WEB_VISIT: "Web visit",
    EMAIL_OPEN: "Email open",
    EMAIL_CLICK: "Email click",
    MEETING: "Meeting",
    WEBINAR: "Webinar",
    EVENT: "Event",
  },
  campaignChannel: {
    EMAIL: "Email",
    WEBINAR: "Webinar",
    EVENT: "Event",
    PAID_SOCIAL: "Paid social",
    DIRECT_MAIL: "Direct mail",
    PHONE: "Phone",
  },
  campaignOutcome: {
    NO_RESPONSE: "No response",
    OPENED: "Opened",
    CLICKED: "Clicked",
    REGISTERED: "Registered",
    ATTENDED: "Attended",
    REPLIED: "Replied",
    MEETING_BOOKED: "Meeting booked",
    CONVERTED: "Converted",
    UNSUBSCRIBED: "Unsubscribed",
  },
  techCategory: {
    CRM: "CRM",
    ERP: "ERP",
    MARKETING_AUTOMATION: "Marketing automation",
    ANALYTICS: "Analytics",
    CLOUD_PLATFORM: "Cloud platform",
    DATABASE: "Database",
    COLLABORATION: "Collaboration",
    ECOMMERCE: "E-commerce",
    SECURITY: "Security",
    DEVOPS: "DevOps",
    OPERATING_SYSTEM: "Operating system",
    HARDWARE: "Hardware",
  },
  role: { ADMIN: "Admin", MANAGER: "Manager", REP: "Sales rep" },
} as const;

export type EnumName = keyof typeof ENUM_LABELS;

export function enumValues<N extends EnumName>(name: N): (keyof (typeof ENUM_LABELS)[N] & string)[] {
  return Object.keys(ENUM_LABELS[name]) as (keyof (typeof ENUM_LABELS)[N] & string)[];
}

export function enumLabel(name: EnumName, value: string | null | undefined): string {
  if (value == null) return "—";
  return (ENUM_LABELS[name] as Record<string, string>)[value] ?? value;
}
