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
