import type { Industry } from "@/lib/domain/industries";
import {
  CampaignChannel,
  CampaignOutcome,
  EngagementType,
  JourneyStage,
  UsageRate,
  type CampaignChannel as CampaignChannelT,
  type CampaignOutcome as CampaignOutcomeT,
  type EngagementType as EngagementTypeT,
  type JourneyStage as JourneyStageT,
  type LoyaltyStatus,
  type UsageRate as UsageRateT,
} from "@/lib/generated/prisma/enums";
import type { Calendar } from "./calendar";
import type { Random, Weighted } from "./random";

export interface GeneratedEvent {
  type: EngagementTypeT;
  /** `YYYY-MM-DDTHH:MM:00` UTC. */
  occurredAt: string;
  detail: string;
}

export interface GeneratedCampaignResponse {
  campaign: string;
  channel: CampaignChannelT;
  respondedAt: string;
  outcome: CampaignOutcomeT;
}

export interface Behaviour {
  usageRate: UsageRateT;
  journeyStage: JourneyStageT;
  benefitsSought: string[];
  events: GeneratedEvent[];
  campaigns: GeneratedCampaignResponse[];
}

/** Engagement history reaches back about six months. */
const EVENT_WINDOW_DAYS = 180;
/** Before that, a sparser year of it. */
const OLDER_WINDOW_DAYS = 365;

const U = UsageRate;
const USAGE: Record<LoyaltyStatus | "PROSPECT", Weighted<UsageRateT>> = {
  PROSPECT: [[U.NONE, 1]],
  NEW: [[U.LIGHT, 50], [U.MEDIUM, 40], [U.HEAVY, 10]],
  REPEAT: [[U.MEDIUM, 50], [U.HEAVY, 30], [U.LIGHT, 20]],
  ADVOCATE: [[U.HEAVY, 75], [U.MEDIUM, 25]],
  AT_RISK: [[U.LIGHT, 55], [U.NONE, 25], [U.MEDIUM, 20]],
  CHURNED: [[U.NONE, 80], [U.LIGHT, 20]],
};

const J = JourneyStage;
const JOURNEY: Record<LoyaltyStatus | "PROSPECT", Weighted<JourneyStageT>> = {
  PROSPECT: [[J.AWARENESS, 50], [J.CONSIDERATION, 38], [J.PURCHASE, 12]],
  NEW: [[J.PURCHASE, 45], [J.RETENTION, 55]],
  REPEAT: [[J.RETENTION, 80], [J.ADVOCACY, 10], [J.PURCHASE, 10]],
  ADVOCATE: [[J.ADVOCACY, 70], [J.RETENTION, 30]],
  AT_RISK: [[J.RETENTION, 65], [J.CONSIDERATION, 35]],
  CHURNED: [[J.AWARENESS, 45], [J.CONSIDERATION, 55]],
};

/** Mean engagement events over six months by journey stage (scaled per account below). */
const EVENT_RATE: Record<JourneyStageT, number> = {
  AWARENESS: 4,
  CONSIDERATION: 14,
  PURCHASE: 18,
  RETENTION: 8,
  ADVOCACY: 15,
};

const BENEFITS = ["convenience", "durability", "affordability", "security", "integration", "scalability"] as const;
/** Benefits an industry over-weights: regulated industries care about security, software about integration. */
const BENEFIT_BIAS: Partial<Record<Industry, Partial<Record<(typeof BENEFITS)[number], number>>>> = {
  Software: { integration: 4, scalability: 4 },
  "Financial Services": { security: 5, integration: 2 },
  Healthcare: { security: 4, convenience: 2 },
  Manufacturing: { durability: 5, affordability: 2 },
  Retail: { affordability: 4, convenience: 3 },
  Education: { affordability: 4, convenience: 2 },
  Media: { convenience: 3, scalability: 2 },
  Logistics: { durability: 3, integration: 3 },
  Energy: { durability: 4, security: 2 },
  "Professional Services": { convenience: 3, integration: 2 },
  Telecommunications: { scalability: 4, security: 2 },
  Government: { security: 5, affordability: 3 },
};

const EVENT_TYPES: Record<JourneyStageT, Weighted<EngagementTypeT>> = {
  AWARENESS: [[EngagementType.WEB_VISIT, 50], [EngagementType.EMAIL_OPEN, 35], [EngagementType.EMAIL_CLICK, 8], [EngagementType.WEBINAR, 5], [EngagementType.EVENT, 2]],
  CONSIDERATION: [[EngagementType.WEB_VISIT, 40], [EngagementType.EMAIL_OPEN, 25], [EngagementType.EMAIL_CLICK, 13], [EngagementType.WEBINAR, 9], [EngagementType.MEETING, 8], [EngagementType.EVENT, 5]],
  PURCHASE: [[EngagementType.WEB_VISIT, 30], [EngagementType.EMAIL_OPEN, 22], [EngagementType.EMAIL_CLICK, 14], [EngagementType.MEETING, 24], [EngagementType.WEBINAR, 5], [EngagementType.EVENT, 5]],
  RETENTION: [[EngagementType.WEB_VISIT, 35], [EngagementType.EMAIL_OPEN, 35], [EngagementType.EMAIL_CLICK, 12], [EngagementType.MEETING, 8], [EngagementType.WEBINAR, 7], [EngagementType.EVENT, 3]],
  ADVOCACY: [[EngagementType.WEB_VISIT, 25], [EngagementType.EMAIL_OPEN, 25], [EngagementType.EMAIL_CLICK, 15], [EngagementType.MEETING, 15], [EngagementType.WEBINAR, 10], [EngagementType.EVENT, 10]],
};

const EVENT_DETAILS: Record<EngagementTypeT, readonly string[]> = {
  WEB_VISIT: ["/pricing", "/product", "/product/integrations", "/customers", "/security", "/docs", "/blog/segmentation-playbook", "/compare"],
  EMAIL_OPEN: ["Monthly newsletter", "Product update", "Customer story", "Renewal reminder", "Event invitation"],
  EMAIL_CLICK: ["Monthly newsletter", "Product update", "Customer story", "Pricing guide", "Event invitation"],
  MEETING: ["Discovery call", "Product demo", "Technical deep dive", "Pricing discussion", "Quarterly business review", "Executive sponsor check-in"],
  WEBINAR: ["Webinar: Tiering 101", "Webinar: Technographic targeting", "Webinar: Forecasting with tiers", "Webinar: What's new"],
  EVENT: ["Annual customer summit", "Regional roadshow", "Industry trade show", "Executive dinner", "User group meetup"],
};

interface Campaign {
  name: string;
  channel: CampaignChannelT;
  launchedDaysAgo: number;
}

/** The marketing calendar of the last year, named by the quarter each campaign ran in. */
export function campaignCalendar(calendar: Calendar): Campaign[] {
  const plan: [string, CampaignChannelT, number][] = [
    ["Product Launch Email", CampaignChannel.EMAIL, 20],
    ["Customer Webinar Series", CampaignChannel.WEBINAR, 45],
    ["LinkedIn ABM", CampaignChannel.PAID_SOCIAL, 70],
    ["Renewal Outreach", CampaignChannel.PHONE, 95],
    ["Executive Roundtable", CampaignChannel.EVENT, 130],
    ["Product Launch Email", CampaignChannel.EMAIL, 150],
    ["Direct Mail Gift Box", CampaignChannel.DIRECT_MAIL, 185],
    ["Customer Webinar Series", CampaignChannel.WEBINAR, 215],
    ["Annual Summit", CampaignChannel.EVENT, 250],
    ["LinkedIn ABM", CampaignChannel.PAID_SOCIAL, 280],
    ["Win-back Calls", CampaignChannel.PHONE, 310],
    ["Year-end Offer", CampaignChannel.EMAIL, 340],
  ];
  return plan.map(([name, channel, launchedDaysAgo]) => ({
    name: `${calendar.quarter(launchedDaysAgo)} ${name}`,
    channel,
    launchedDaysAgo,
  }));
}

const O = CampaignOutcome;
const OUTCOMES: Record<CampaignChannelT, Weighted<CampaignOutcomeT>> = {
  EMAIL: [[O.NO_RESPONSE, 40], [O.OPENED, 35], [O.CLICKED, 18], [O.REPLIED, 3], [O.UNSUBSCRIBED, 4]],
  WEBINAR: [[O.NO_RESPONSE, 25], [O.REGISTERED, 40], [O.ATTENDED, 30], [O.MEETING_BOOKED, 5]],
  EVENT: [[O.NO_RESPONSE, 30], [O.REGISTERED, 25], [O.ATTENDED, 35], [O.MEETING_BOOKED, 10]],
  PAID_SOCIAL: [[O.NO_RESPONSE, 60], [O.CLICKED, 32], [O.CONVERTED, 8]],
  DIRECT_MAIL: [[O.NO_RESPONSE, 65], [O.REPLIED, 20], [O.MEETING_BOOKED, 10], [O.CONVERTED, 5]],
  PHONE: [[O.NO_RESPONSE, 45], [O.REPLIED, 30], [O.MEETING_BOOKED, 20], [O.CONVERTED, 5]],
};

/**
 * Usage, journey stage, benefits sought and the engagement and campaign history consistent
 * with them: advocates and active deals engage a lot and recently, churned accounts barely.
 */
export function generateBehaviour(
  random: Random,
  context: { industry: Industry; loyalty: LoyaltyStatus; isCustomer: boolean; campaigns: readonly Campaign[] },
  calendar: Calendar,
): Behaviour {
  const key = context.isCustomer ? context.loyalty : "PROSPECT";
  const usageRate = random.weighted(USAGE[key]);
  const journeyStage = random.weighted(JOURNEY[key]);
  const fading = context.loyalty === "CHURNED" || context.loyalty === "AT_RISK";

  const events: GeneratedEvent[] = [];
  // One account in ten is dormant; the rest vary a lot around their stage's rate.
  const rate = random.chance(0.1) ? 0 : EVENT_RATE[journeyStage] * (fading ? 0.4 : 1) * random.logNormal(0, 0.6);
  const eventCount = Math.min(120, random.poisson(rate));
  const types = EVENT_TYPES[journeyStage];
  for (let i = 0; i < eventCount; i++) {
    // Active accounts cluster recent activity; fading ones drift into the past.
    const u = random.next();
    const daysAgo = 1 + Math.floor((EVENT_WINDOW_DAYS - 1) * (fading ? Math.pow(u, 0.6) : Math.pow(u, 1.6)));
    const type = random.weighted(types);
    events.push({ type, occurredAt: calendar.timestamp(daysAgo, random.int(7 * 60, 19 * 60)), detail: random.pick(EVENT_DETAILS[type]) });
  }
  // Older, sparser engagement (six to eighteen months back), so a backtest as of a past day sees
  // who was engaged then; accounts that faded later were engaging less already.
  const olderCount = Math.min(60, random.poisson(rate * (fading ? 0.2 : 0.5)));
  for (let i = 0; i < olderCount; i++) {
    const type = random.weighted(types);
    const daysAgo = EVENT_WINDOW_DAYS + random.int(0, OLDER_WINDOW_DAYS - 1);
    events.push({ type, occurredAt: calendar.timestamp(daysAgo, random.int(7 * 60, 19 * 60)), detail: random.pick(EVENT_DETAILS[type]) });
  }
  events.sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : 0));

  const responseCount = Math.min(context.campaigns.length, random.poisson(journeyStage === "AWARENESS" ? 1.2 : 2.2));
  const campaigns = random
    .sample(context.campaigns, responseCount)
    .sort((a, b) => b.launchedDaysAgo - a.launchedDaysAgo)
    .map((campaign) => ({
      campaign: campaign.name,
      channel: campaign.channel,
      respondedAt: calendar.day(Math.max(0, campaign.launchedDaysAgo - random.int(0, 14))),
      outcome: random.weighted(OUTCOMES[campaign.channel]),
    }));

  return { usageRate, journeyStage, benefitsSought: pickBenefits(random, context.industry), events, campaigns };
}

function pickBenefits(random: Random, industry: Industry): string[] {
  const bias = BENEFIT_BIAS[industry] ?? {};
  const chosen = new Set<string>();
  const count = random.weighted([[1, 35], [2, 45], [3, 20]] as const);
  while (chosen.size < count) {
    chosen.add(random.weighted(BENEFITS.map((benefit) => [benefit, bias[benefit] ?? 1] as const)));
  }
  // Catalogue order, so equal sets always serialise the same way.
  return BENEFITS.filter((benefit) => chosen.has(benefit));
}
