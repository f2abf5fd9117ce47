import { TechCategory } from "@/lib/generated/prisma/enums";

/**
 * How a product is usually run, which lets the generator derive an account's hosting
 * preference from its stack (an on-premise ERP cannot sit in a CLOUD-only company).
 * SAAS: vendor-hosted; SELF_HOSTED: in the customer's data centre; EITHER: both are common;
 * CLOUD_PLATFORM: a public cloud itself; DEVICE: end-user operating systems and hardware.
 */
export type Deployment = "SAAS" | "SELF_HOSTED" | "EITHER" | "CLOUD_PLATFORM" | "DEVICE";

/** Desktop platform of an operating system or hardware line, for the device preference. */
export type DevicePlatform = "WINDOWS" | "MAC" | "LINUX";

export interface CatalogueEntry {
  name: string;
  vendor: string;
  category: TechCategory;
  deployment: Deployment;
  platform?: DevicePlatform;
}

const C = TechCategory;

/** The technology catalogue seeded into `technologies`, in id order (ids stay stable across reseeds). */
export const TECHNOLOGY_CATALOGUE: readonly CatalogueEntry[] = [
  { name: "Salesforce Sales Cloud", vendor: "Salesforce", category: C.CRM, deployment: "SAAS" },
  { name: "HubSpot CRM", vendor: "HubSpot", category: C.CRM, deployment: "SAAS" },
  { name: "Microsoft Dynamics 365 Sales", vendor: "Microsoft", category: C.CRM, deployment: "SAAS" },
  { name: "Zoho CRM", vendor: "Zoho", category: C.CRM, deployment: "SAAS" },

  { name: "SAP S/4HANA", vendor: "SAP", category: C.ERP, deployment: "SELF_HOSTED" },
  { name: "Oracle E-Business Suite", vendor: "Oracle", category: C.ERP, deployment: "SELF_HOSTED" },
  { name: "Oracle NetSuite", vendor: "Oracle", category: C.ERP, deployment: "SAAS" },
  { name: "Microsoft Dynamics 365 Business Central", vendor: "Microsoft", category: C.ERP, deployment: "SAAS" },

  { name: "Marketo Engage", vendor: "Adobe", category: C.MARKETING_AUTOMATION, deployment: "SAAS" },
  { name: "HubSpot Marketing Hub", vendor: "HubSpot", category: C.MARKETING_AUTOMATION, deployment: "SAAS" },
  { name: "Pardot", vendor: "Salesforce", category: C.MARKETING_AUTOMATION, deployment: "SAAS" },
  { name: "Mailchimp", vendor: "Intuit", category: C.MARKETING_AUTOMATION, deployment: "SAAS" },

  { name: "Google Analytics", vendor: "Google", category: C.ANALYTICS, deployment: "SAAS" },
  { name: "Adobe Analytics", vendor: "Adobe", category: C.ANALYTICS, deployment: "SAAS" },
  { name: "Mixpanel", vendor: "Mixpanel", category: C.ANALYTICS, deployment: "SAAS" },
  { name: "Tableau", vendor: "Salesforce", category: C.ANALYTICS, deployment: "EITHER" },
  { name: "Microsoft Power BI", vendor: "Microsoft", category: C.ANALYTICS, deployment: "SAAS" },

  { name: "Amazon Web Services", vendor: "Amazon", category: C.CLOUD_PLATFORM, deployment: "CLOUD_PLATFORM" },
  { name: "Microsoft Azure", vendor: "Microsoft", category: C.CLOUD_PLATFORM, deployment: "CLOUD_PLATFORM" },
  { name: "Google Cloud", vendor: "Google", category: C.CLOUD_PLATFORM, deployment: "CLOUD_PLATFORM" },

  { name: "PostgreSQL", vendor: "PostgreSQL Global Development Group", category: C.DATABASE, deployment: "EITHER" },
  { name: "Oracle Database", vendor: "Oracle", category: C.DATABASE, deployment: "SELF_HOSTED" },
  { name: "Microsoft SQL Server", vendor: "Microsoft", category: C.DATABASE, deployment: "SELF_HOSTED" },
  { name: "MongoDB", vendor: "MongoDB", category: C.DATABASE, deployment: "EITHER" },
  { name: "MySQL", vendor: "Oracle", category: C.DATABASE, deployment: "EITHER" },
  { name: "Snowflake", vendor: "Snowflake", category: C.DATABASE, deployment: "SAAS" },

  { name: "Slack", vendor: "Salesforce", category: C.COLLABORATION, deployment: "SAAS" },
  { name: "Microsoft Teams", vendor: "Microsoft", category: C.COLLABORATION, deployment: "SAAS" },
  { name: "Zoom", vendor: "Zoom", category: C.COLLABORATION, deployment: "SAAS" },
  { name: "Google Workspace", vendor: "Google", category: C.COLLABORATION, deployment: "SAAS" },
  { name: "Confluence", vendor: "Atlassian", category: C.COLLABORATION, deployment: "EITHER" },

  { name: "Shopify", vendor: "Shopify", category: C.ECOMMERCE, deployment: "SAAS" },
  { name: "Magento", vendor: "Adobe", category: C.ECOMMERCE, deployment: "SELF_HOSTED" },
  { name: "Salesforce Commerce Cloud", vendor: "Salesforce", category: C.ECOMMERCE, deployment: "SAAS" },
  { name: "BigCommerce", vendor: "BigCommerce", category: C.ECOMMERCE, deployment: "SAAS" },

  { name: "Okta", vendor: "Okta", category: C.SECURITY, deployment: "SAAS" },
  { name: "CrowdStrike Falcon", vendor: "CrowdStrike", category: C.SECURITY, deployment: "SAAS" },
  { name: "Palo Alto Networks NGFW", vendor: "Palo Alto Networks", category: C.SECURITY, deployment: "SELF_HOSTED" },
  { name: "Zscaler", vendor: "Zscaler", category: C.SECURITY, deployment: "SAAS" },
  { name: "Microsoft Defender", vendor: "Microsoft", category: C.SECURITY, deployment: "SAAS" },

  { name: "GitHub", vendor: "Microsoft", category: C.DEVOPS, deployment: "SAAS" },
  { name: "GitLab", vendor: "GitLab", category: C.DEVOPS, deployment: "EITHER" },
  { name: "Jenkins", vendor: "Jenkins Project", category: C.DEVOPS, deployment: "SELF_HOSTED" },
  { name: "Datadog", vendor: "Datadog", category: C.DEVOPS, deployment: "SAAS" },
  { name: "Jira Software", vendor: "Atlassian", category: C.DEVOPS, deployment: "EITHER" },

  { name: "Windows 11", vendor: "Microsoft", category: C.OPERATING_SYSTEM, deployment: "DEVICE", platform: "WINDOWS" },
  { name: "macOS", vendor: "Apple", category: C.OPERATING_SYSTEM, deployment: "DEVICE", platform: "MAC" },
  { name: "Ubuntu", vendor: "Canonical", category: C.OPERATING_SYSTEM, deployment: "DEVICE", platform: "LINUX" },
  { name: "Red Hat Enterprise Linux", vendor: "Red Hat", category: C.OPERATING_SYSTEM, deployment: "SELF_HOSTED" },
  { name: "Windows Server", vendor: "Microsoft", category: C.OPERATING_SYSTEM, deployment: "SELF_HOSTED" },

  { name: "Apple Mac", vendor: "Apple", category: C.HARDWARE, deployment: "DEVICE", platform: "MAC" },
  { name: "Dell Latitude", vendor: "Dell", category: C.HARDWARE, deployment: "DEVICE", platform: "WINDOWS" },
  { name: "Lenovo ThinkPad", vendor: "Lenovo", category: C.HARDWARE, deployment: "DEVICE", platform: "WINDOWS" },
  { name: "HP EliteBook", vendor: "HP", category: C.HARDWARE, deployment: "DEVICE", platform: "WINDOWS" },
  { name: "Cisco Catalyst", vendor: "Cisco", category: C.HARDWARE, deployment: "SELF_HOSTED" },
];

/** Technologies of one category, in catalogue order. */
export function catalogueFor(category: TechCategory): readonly CatalogueEntry[] {
  return TECHNOLOGY_CATALOGUE.filter((entry) => entry.category === category);
}
