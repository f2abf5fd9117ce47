import { emptyRows, type TableRows } from "./bulk-insert";
import type { GeneratedAccount } from "./generate";
import { TECHNOLOGY_CATALOGUE } from "./catalogue";
import { techCategoryBit } from "@/lib/domain/tech-category-bits";

/** Last id handed out per table: ids are assigned here, in generation order, so they are deterministic. */
export interface IdCounters {
  account: number;
  order: number;
  event: number;
  campaign: number;
  /** account_technologies has no id of its own: just counted. */
  accountTechnology: number;
}

const ACCOUNT_COLUMNS = {
  id: "int",
  name: "text",
  domain: "text",
  industry: "text",
  country: "text",
  region: '"Region"',
  employee_count: "int",
  annual_revenue: "numeric",
  owner_id: "text",
  potential: "numeric",
  loyalty_status: '"LoyaltyStatus"',
  usage_rate: '"UsageRate"',
  journey_stage: '"JourneyStage"',
  benefits_sought: "text[]",
  hosting_preference: '"HostingPreference"',
  device_preference: '"DevicePreference"',
  tech_adoption: '"TechAdoption"',
  technology_ids: "int[]",
  technology_categories: "int",
  created_at: "timestamp",
} as const;
const ORDER_COLUMNS = { id: "int", account_id: "int", ordered_at: "date", amount: "numeric", product_line: "text" } as const;
const EVENT_COLUMNS = { id: "int", account_id: "int", type: '"EngagementType"', occurred_at: "timestamp", detail: "text" } as const;
const CAMPAIGN_COLUMNS = {
  id: "int",
  account_id: "int",
  campaign: "text",
  channel: '"CampaignChannel"',
  responded_at: "date",
  outcome: '"CampaignOutcome"',
} as const;
const TECHNOLOGY_COLUMNS = {
  account_id: "int",
  technology_id: "int",
  first_detected_at: "date",
  last_detected_at: "date",
  confidence: "float8",
} as const;

/**
 * Turn generated accounts into column arrays for each table, mapping owner slots to user ids
 * (none without demo users) and catalogue indexes to technology ids. Parents come first.
 */
export function batchRows(
  batch: readonly GeneratedAccount[],
  ids: { ownerIds: readonly string[]; technologyIds: readonly number[] },
  counters: IdCounters,
): TableRows[] {
  const accounts = emptyRows("accounts", ACCOUNT_COLUMNS);
  const orders = emptyRows("orders", ORDER_COLUMNS);
  const events = emptyRows("engagement_events", EVENT_COLUMNS);
  const campaigns = emptyRows("campaign_responses", CAMPAIGN_COLUMNS);
  const technologies = emptyRows("account_technologies", TECHNOLOGY_COLUMNS);
  const a = accounts.values;
  const o = orders.values;
  const e = events.values;
  const c = campaigns.values;
  const t = technologies.values;

  for (const account of batch) {
    counters.account = account.id;
    a.id.push(account.id);
    a.name.push(account.name);
    a.domain.push(account.domain);
    a.industry.push(account.industry);
    a.country.push(account.country);
    a.region.push(account.region);
    a.employee_count.push(account.employeeCount);
    a.annual_revenue.push(account.annualRevenue);
    a.owner_id.push(account.ownerSlot === null ? null : (ids.ownerIds[account.ownerSlot] ?? null));
    a.potential.push(account.potential);
    a.loyalty_status.push(account.loyaltyStatus);
    a.usage_rate.push(account.usageRate);
    a.journey_stage.push(account.journeyStage);
    a.benefits_sought.push(`{${account.benefitsSought.join(",")}}`);
    a.hosting_preference.push(account.hostingPreference);
    a.device_preference.push(account.devicePreference);
    a.tech_adoption.push(account.techAdoption);
    a.created_at.push(account.createdAt);
    const stack: number[] = [];
    let categories = 0;

    for (const order of account.orders) {
      o.id.push(++counters.order);
      o.account_id.push(account.id);
      o.ordered_at.push(order.orderedAt);
      o.amount.push(order.amount);
      o.product_line.push(order.productLine);
    }
    for (const event of account.events) {
      e.id.push(++counters.event);
      e.account_id.push(account.id);
      e.type.push(event.type);
      e.occurred_at.push(event.occurredAt);
      e.detail.push(event.detail);
    }
    for (const response of account.campaigns) {
      c.id.push(++counters.campaign);
      c.account_id.push(account.id);
      c.campaign.push(response.campaign);
      c.channel.push(response.channel);
      c.responded_at.push(response.respondedAt);
      c.outcome.push(response.outcome);
    }
    for (const technology of account.technologies) {
      const technologyId = ids.technologyIds[technology.catalogueIndex];
      if (technologyId === undefined) throw new Error(`no id for catalogue entry ${technology.catalogueIndex}`);
      counters.accountTechnology++;
      t.account_id.push(account.id);
      t.technology_id.push(technologyId);
      t.first_detected_at.push(technology.firstDetectedAt);
      t.last_detected_at.push(technology.lastDetectedAt);
      t.confidence.push(technology.confidence);
      stack.push(technologyId);
      categories |= techCategoryBit(TECHNOLOGY_CATALOGUE[technology.catalogueIndex]!.category);
    }
    // What the account_technologies trigger would store; the seed loads with that trigger off.
    a.technology_ids.push(`{${[...new Set(stack)].sort((x, y) => x - y).join(",")}}`);
    a.technology_categories.push(categories);
  }
  return [accounts, orders, events, campaigns, technologies];
}
