import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ENV_VARIABLES, EnvError, env, flag, parseVariables, serverEnv, wholeNumber } from "@/lib/env";

const DATABASE_URL = "postgresql://tierwise:s3cret-pass@127.0.0.1:5432/tierwise";
const AUTH_SECRET = "k".repeat(32);

function errorOf(run: () => unknown): EnvError {
  try {
    run();
  } catch (error) {
    if (error instanceof EnvError) return error;
    throw error;
  }
  throw new Error("expected an EnvError");
}

describe("env", () => {
  it("has defaults for everything but the database and the secret", () => {
    expect(env({})).toEqual({ PORT: 3000, DATABASE_POOL_SIZE: 10, TIERWISE_SEED_DEMO: false, TIERWISE_DISABLE_REFRESH: false, TIERWISE_API_RATE_LIMIT: 600, TIERWISE_TRUSTED_PROXIES: 0, TIERWISE_SESSION_MAX_HOURS: 12, TIERWISE_SESSION_IDLE_MINUTES: 120, TIERWISE_SEED_DEMO_FORCE: false, TIERWISE_WEBHOOK_RETRY_MS: 30_000 });
  });

  it("parses numbers, switches, the database URL and paths", () => {
    const parsed = env({
      DATABASE_URL,
      AUTH_SECRET,
      PORT: "8080",
      DATABASE_POOL_SIZE: "25",
      TIERWISE_SEED_DEMO: "1",
      TIERWISE_IMPORT_DIR: "/srv/imports",
      TIERWISE_DISABLE_REFRESH: "0",
      TIERWISE_API_RATE_LIMIT: "120",
    });
    expect(parsed).toEqual({
      DATABASE_URL,
      AUTH_SECRET,
      PORT: 8080,
      DATABASE_POOL_SIZE: 25,
      TIERWISE_SEED_DEMO: true,
      TIERWISE_IMPORT_DIR: "/srv/imports",
      TIERWISE_DISABLE_REFRESH: false,
      TIERWISE_API_RATE_LIMIT: 120,
      TIERWISE_TRUSTED_PROXIES: 0,
      TIERWISE_SESSION_MAX_HOURS: 12,
      TIERWISE_SESSION_IDLE_MINUTES: 120,
      TIERWISE_SEED_DEMO_FORCE: false,
      TIERWISE_WEBHOOK_RETRY_MS: 30_000,
    });
    expect(env({ DATABASE_URL: "postgres://u@db.internal/app" }).DATABASE_URL).toBe("postgres://u@db.internal/app");
    expect(env({ PORT: "1", DATABASE_POOL_SIZE: "200" })).toMatchObject({ PORT: 1, DATABASE_POOL_SIZE: 200 });
    expect(env({ PORT: "65535", DATABASE_POOL_SIZE: "1" })).toMatchObject({ PORT: 65535, DATABASE_POOL_SIZE: 1 });
  });

  it("treats an empty value as unset", () => {
    expect(env({ PORT: "", DATABASE_POOL_SIZE: "", DATABASE_URL: "", TIERWISE_SEED_DEMO: "" })).toEqual(env({}));
  });

  it("ignores variables it does not own", () => {
    expect(env({ NODE_ENV: "production", CI: "true", HOME: "/root" })).toEqual(env({}));
  });

  it.each([
    ["DATABASE_POOL_SIZE", "abc", 'DATABASE_POOL_SIZE must be a whole number from 1 to 200 (got "abc")'],
    ["DATABASE_POOL_SIZE", "0", 'DATABASE_POOL_SIZE must be a whole number from 1 to 200 (got "0")'],
    ["DATABASE_POOL_SIZE", "-3", 'DATABASE_POOL_SIZE must be a whole number from 1 to 200 (got "-3")'],
    ["DATABASE_POOL_SIZE", "1.5", 'DATABASE_POOL_SIZE must be a whole number from 1 to 200 (got "1.5")'],
    ["DATABASE_POOL_SIZE", "201", 'DATABASE_POOL_SIZE must be a whole number from 1 to 200 (got "201")'],
    ["DATABASE_POOL_SIZE", " 10", 'DATABASE_POOL_SIZE must be a whole number from 1 to 200 (got " 10")'],
    ["PORT", "x", 'PORT must be a whole number from 1 to 65535 (got "x")'],
    ["PORT", "70000", 'PORT must be a whole number from 1 to 65535 (got "70000")'],
    ["PORT", "0", 'PORT must be a whole number from 1 to 65535 (got "0")'],
    ["PORT", "3e3", 'PORT must be a whole number from 1 to 65535 (got "3e3")'],
    ["TIERWISE_SEED_DEMO", "true", 'TIERWISE_SEED_DEMO must be 1 or 0 (got "true")'],
    ["TIERWISE_DISABLE_REFRESH", "yes", 'TIERWISE_DISABLE_REFRESH must be 1 or 0 (got "yes")'],
    ["DATABASE_URL", "mysql://root:hunter2@db/app", "DATABASE_URL must be a PostgreSQL URL like postgresql://user:password@host:5432/database"],
    ["DATABASE_URL", "localhost:5432", "DATABASE_URL must be a PostgreSQL URL like postgresql://user:password@host:5432/database"],
    ["AUTH_SECRET", "too-short", "AUTH_SECRET must be at least 32 characters (generate one with: openssl rand -base64 32)"],
  ])("%s=%j fails naming the variable and what is allowed", (name, value, problem) => {
    const error = errorOf(() => env({ [name]: value }));
    expect(error.message).toBe(`Invalid environment: ${problem}`);
  });

  it("never repeats the value of a secret in the message", () => {
    expect(errorOf(() => env({ DATABASE_URL: "mysql://root:hunter2@db/app" })).message).not.toContain("hunter2");
    expect(errorOf(() => env({ AUTH_SECRET: "hunter2" })).message).not.toContain("hunter2");
  });

  it("names every bad variable at once", () => {
    expect(errorOf(() => env({ PORT: "x", DATABASE_POOL_SIZE: "abc" })).message).toBe(
      'Invalid environment: PORT must be a whole number from 1 to 65535 (got "x"); ' +
        'DATABASE_POOL_SIZE must be a whole number from 1 to 200 (got "abc")',
    );
  });
});

describe("serverEnv", () => {
  it("needs the database and the secret that `next build` may lack", () => {
    expect(errorOf(() => serverEnv({})).message).toBe(
      "Invalid environment: DATABASE_URL is not set: it must be a PostgreSQL URL like postgresql://user:password@host:5432/database; " +
        "AUTH_SECRET is not set: it must be at least 32 characters (generate one with: openssl rand -base64 32)",
    );
    expect(serverEnv({ DATABASE_URL, AUTH_SECRET })).toMatchObject({ DATABASE_URL, AUTH_SECRET, PORT: 3000, DATABASE_POOL_SIZE: 10 });
  });

  it("still checks the other variables", () => {
    expect(errorOf(() => serverEnv({ DATABASE_URL, AUTH_SECRET, DATABASE_POOL_SIZE: "0" })).message).toBe(
      'Invalid environment: DATABASE_POOL_SIZE must be a whole number from 1 to 200 (got "0")',
    );
  });
});

describe("parseVariables (a script's own knobs)", () => {
  it("parses with the same rules and messages", () => {
    expect(parseVariables({ TIERWISE_REUSE_BUILD: flag }, { TIERWISE_REUSE_BUILD: "1" })).toEqual({ TIERWISE_REUSE_BUILD: true });
    expect(parseVariables({ TIERWISE_REUSE_BUILD: flag }, {})).toEqual({ TIERWISE_REUSE_BUILD: false });
    expect(errorOf(() => parseVariables({ TIERWISE_REUSE_BUILD: flag }, { TIERWISE_REUSE_BUILD: "true" })).message).toBe(
      'Invalid environment: TIERWISE_REUSE_BUILD must be 1 or 0 (got "true")',
    );
  });

  it("says what was wrong when it checks something other than the environment", () => {
    const port = { "--port": wholeNumber(1, 65535) };
    expect(parseVariables(port, { "--port": "8080" }, "option")).toEqual({ "--port": 8080 });
    expect(errorOf(() => parseVariables(port, { "--port": "x" }, "option")).message).toBe(
      'Invalid option: --port must be a whole number from 1 to 65535 (got "x")',
    );
  });
});

describe("README", () => {
  it("documents exactly the variables the schema reads", () => {
    const readme = readFileSync("README.md", "utf8");
    const section = readme.split("## Configuration")[1]?.split("\n## ")[0] ?? "";
    const documented = [...section.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((match) => match[1]);
    expect(documented.sort()).toEqual([...ENV_VARIABLES].sort());
  });
});
