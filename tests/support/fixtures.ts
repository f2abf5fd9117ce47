import { db } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/enums";
import type { SessionUser } from "@/lib/auth/session";

/** Users for authorization tests (no password hash needed: nobody signs in through the form here). */
export async function createUser(role: Role, email: string, name = email.split("@")[0]!): Promise<SessionUser> {
  const user = await db.user.create({ data: { email, name, role, passwordHash: "x" } });
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export interface AccountFixture {
  name: string;
  ownerId?: string | null;
  lifetimeValue?: number;
  orderCount?: number;
  potential?: number;
  hostingPreference?: "CLOUD" | "ON_PREMISE" | "HYBRID";
  loyaltyStatus?: "NEW" | "REPEAT" | "ADVOCATE" | "AT_RISK" | "CHURNED";
  region?: "NORTH_AMERICA" | "LATAM" | "EMEA" | "APAC";
  industry?: string;
  engagementScore?: number;
}

/** An account with sensible defaults; derived columns set directly. */
export async function createAccount(f: AccountFixture): Promise<number> {
  const slug = f.name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  const account = await db.account.create({
    data: {
      name: f.name,
      domain: `${slug}.example.com`,
      industry: f.industry ?? "Software",
      country: "United States",
      region: f.region ?? "NORTH_AMERICA",
      employeeCount: 250,
      annualRevenue: 10_000_000,
      ownerId: f.ownerId ?? null,
      potential: f.potential ?? 0,
      loyaltyStatus: f.loyaltyStatus ?? "REPEAT",
      usageRate: "MEDIUM",
      journeyStage: "RETENTION",
      hostingPreference: f.hostingPreference ?? "CLOUD",
      devicePreference: "PC",
      techAdoption: "EARLY_MAJORITY",
      lifetimeValue: f.lifetimeValue ?? 0,
      orderCount: f.orderCount ?? 0,
      engagementScore: f.engagementScore ?? 0,
    },
  });
  return account.id;
}
