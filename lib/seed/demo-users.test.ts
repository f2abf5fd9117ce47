import type pg from "pg";
import { describe, expect, test } from "vitest";
import { DEMO_PASSWORD, DemoUsersRefusedError, demoUsersPassword } from "@/lib/seed/demo-users";
import { seedDatabase } from "@/lib/seed/seed-database";

describe("demo users in production", () => {
  test("outside production they get the published password", () => {
    expect(demoUsersPassword({})).toEqual({ password: DEMO_PASSWORD, random: false });
    expect(demoUsersPassword({ NODE_ENV: "development" })).toEqual({ password: DEMO_PASSWORD, random: false });
  });

  test("with NODE_ENV=production they are refused unless forced, and then get a random password", () => {
    expect(() => demoUsersPassword({ NODE_ENV: "production", TIERWISE_SEED_DEMO: "1" })).toThrow(DemoUsersRefusedError);
    const forced = demoUsersPassword({ NODE_ENV: "production", TIERWISE_SEED_DEMO: "1", TIERWISE_SEED_DEMO_FORCE: "1" });
    expect(forced.random).toBe(true);
    expect(forced.password).not.toBe(DEMO_PASSWORD);
    expect(forced.password.length).toBeGreaterThanOrEqual(20);
    expect(demoUsersPassword({ NODE_ENV: "production", TIERWISE_SEED_DEMO_FORCE: "1" }).password).not.toBe(forced.password);
  });

  test("the seed refuses before it touches the database", async () => {
    const before = process.env.NODE_ENV;
    const untouchable = { connect: () => Promise.reject(new Error("the database was touched")) } as unknown as pg.Pool;
    (process.env as Record<string, string | undefined>).NODE_ENV = "production";
    try {
      await expect(seedDatabase(untouchable, { accounts: 1, seed: 1 })).rejects.toBeInstanceOf(DemoUsersRefusedError);
      await expect(seedDatabase(untouchable, { accounts: 1, seed: 1, demoUsers: false })).rejects.toThrow(/touched/);
    } finally {
      (process.env as Record<string, string | undefined>).NODE_ENV = before;
    }
  });
});
