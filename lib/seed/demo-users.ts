import { randomBytes } from "node:crypto";
import { env } from "@/lib/env";
import { Role } from "@/lib/generated/prisma/enums";

/** Shared password of every demo user (shown on the sign-in page of demo installs). */
export const DEMO_PASSWORD = "tierwise-demo";

export interface DemoUser {
  /** Fixed, cuid-shaped ids so reseeding keeps owners stable and id validators accept them. */
  id: string;
  email: string;
  name: string;
  role: Role;
}

const demoId = (key: string) => `ctw0demo0${key}`.padEnd(25, "0");

/**
 * The demo team. Reps are listed in owner-slot order (see TERRITORIES in generate.ts):
 * rep1 and rep2 cover North America, rep3 EMEA, rep4 LATAM and part of EMEA, rep5 APAC.
 */
export const DEMO_USERS: readonly DemoUser[] = [
  { id: demoId("admin"), email: "admin@tierwise.local", name: "Avery Admin", role: Role.ADMIN },
  { id: demoId("manager"), email: "manager@tierwise.local", name: "Morgan Manager", role: Role.MANAGER },
  { id: demoId("rep1"), email: "rep1@tierwise.local", name: "Jordan Reyes", role: Role.REP },
  { id: demoId("rep2"), email: "rep2@tierwise.local", name: "Taylor Brooks", role: Role.REP },
  { id: demoId("rep3"), email: "rep3@tierwise.local", name: "Hannah Schmidt", role: Role.REP },
  { id: demoId("rep4"), email: "rep4@tierwise.local", name: "Diego Alvarez", role: Role.REP },
  { id: demoId("rep5"), email: "rep5@tierwise.local", name: "Priya Nair", role: Role.REP },
];

export class DemoUsersRefusedError extends Error {
  override name = "DemoUsersRefusedError";
  constructor() {
    super(
      "NODE_ENV is production: refusing to create the demo users, whose password is published. " +
        "Seed without them (--no-demo-users), or set TIERWISE_SEED_DEMO_FORCE=1 to create them with a random password printed once.",
    );
  }
}

/**
 * The demo users' password: the published one, except in production, where the demo users are
 * refused unless TIERWISE_SEED_DEMO_FORCE=1, and then get a random password (printed by the seed).
 */
export function demoUsersPassword(source: Record<string, string | undefined> = process.env): { password: string; random: boolean } {
  if (source.NODE_ENV !== "production") return { password: DEMO_PASSWORD, random: false };
  if (!env(source).TIERWISE_SEED_DEMO_FORCE) throw new DemoUsersRefusedError();
  return { password: randomBytes(18).toString("base64url"), random: true };
}
