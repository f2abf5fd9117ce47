/**
 * The one set of fixtures for integration tests: users, accounts and segments with plain
 * defaults. A test passes only the columns its assertions depend on.
 */
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import type { SessionUser } from "@/lib/auth/session";

/** The entries that are not undefined, so that `{ region: undefined }` keeps the default region. */
function defined<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/**
 * A user as the session sees it. The password hash is "x" unless `extra` gives one: nobody signs
 * in through the form here. `extra` takes any other column (a fixed id, `active: false`...).
 */
export async function createUser(
  role: Role,
  email: string,
  name = email.split("@")[0]!,
  extra: Partial<Prisma.UserUncheckedCreateInput> = {},
): Promise<SessionUser> {
  const user = await db.user.create({ data: { passwordHash: "x", ...defined(extra), email, name, role } });
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** Any account column; without a name the account is "Account N", its domain made from the name. */
export type AccountFixture = Partial<Prisma.AccountUncheckedCreateInput>;

let unnamed = 0;

/** An account with sensible defaults; derived columns (lifetime value, counts, scores) are 0 unless given. */
export async function createAccount(f: AccountFixture = {}): Promise<number> {
  const name = f.name ?? `Account ${++unnamed}`;
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  const account = await db.account.create({
    data: {
      domain: `${slug}.example.com`,
      industry: "Software",
      country: "United States",
      region: "NORTH_AMERICA",
      employeeCount: 250,
      annualRevenue: 10_000_000,
      loyaltyStatus: "REPEAT",
      usageRate: "MEDIUM",
      journeyStage: "RETENTION",
      hostingPreference: "CLOUD",
      devicePreference: "PC",
      techAdoption: "EARLY_MAJORITY",
      ...defined(f),
      name,
    },
  });
  return account.id;
}

/** `count` unnamed accounts with the same columns, created one after another (ids ascending). */
export async function createAccounts(count: number, f: Omit<AccountFixture, "name" | "domain"> = {}): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) ids.push(await createAccount(f));
  return ids;
}

/** Segment columns other than the name and the rule (kind, colour, description, archived...). */
export type SegmentFixture = Partial<Omit<Prisma.SegmentUncheckedCreateInput, "name" | "draftRule" | "publishedVersion" | "versions">>;

/** A segment never published: the rule is only its draft. */
export async function draftSegment(name: string, rule: object, extra: SegmentFixture = {}): Promise<number> {
  const segment = await db.segment.create({ data: { ...extra, name, draftRule: rule as Prisma.InputJsonValue } });
  return segment.id;
}

/**
 * A segment published as version 1 of `rule` (also its draft). Nothing is materialised: its
 * members come from the next recompute.
 */
export async function publishSegment(
  name: string,
  rule: object,
  { note = "test", publishedById, ...extra }: SegmentFixture & { note?: string; publishedById?: string } = {},
): Promise<number> {
  const json = rule as Prisma.InputJsonValue;
  const segment = await db.segment.create({
    data: { ...extra, name, draftRule: json, publishedVersion: 1, versions: { create: { version: 1, rule: json, note, publishedById } } },
  });
  return segment.id;
}

/** A rule of one condition (`id` names the condition, as the rule builder does). */
export function oneConditionRule(id: string, field: string, operator: string, value: Prisma.InputJsonValue): Prisma.InputJsonObject {
  return { kind: "group", op: "and", children: [{ kind: "condition", id, field, operator, value }] };
}

/** Tiers by lifetime value, best first: "strategic" (≥ $250,000) and "growth" (≥ $100,000); the rest untiered. */
export const LIFETIME_VALUE_TIERS = [
  { key: "strategic", name: "Tier 1 Strategic", color: "#4f46e5", rule: oneConditionRule("a", "lifetimeValue", "gte", 250_000) },
  { key: "growth", name: "Tier 2 Growth", color: "#0ea5e9", rule: oneConditionRule("b", "lifetimeValue", "gte", 100_000) },
];

/**
 * A tier scheme published as version 1 with these tiers, best first. Nothing is materialised:
 * tiers come from the next recompute.
 */
export async function publishTierScheme(tiers: { key: string; name: string; color: string; rule: Prisma.InputJsonObject }[], note = "Scheme"): Promise<void> {
  await db.tierSchemeVersion.create({ data: { version: 1, note, definition: { tiers } } });
}
