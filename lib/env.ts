/**
 * The app's configuration, read from the environment and validated with zod in one place (the t3
 * `createEnv` pattern). The Next.js server, the seed and the scripts all read it through `env()`,
 * so a bad value fails where it is first read, naming the variable and what is allowed:
 *   Invalid environment: DATABASE_POOL_SIZE must be a whole number from 1 to 200 (got "abc")
 * rather than turning into NaN further on. Nothing is read at import time, so `next build` needs
 * neither DATABASE_URL nor AUTH_SECRET; the server checks everything as it starts
 * (instrumentation.ts) and `npm start` before it starts anything.
 *
 * Server-side only. Scripts load it under plain Node, where `import "server-only"` throws, so the
 * guard below stands in for it.
 */
// Relative: prisma.config.ts loads this file without the @/ alias.
import { z } from "./validation/zod";

if (typeof window !== "undefined") throw new Error("lib/env.ts is server-side configuration: do not import it from client components");

type Source = Record<string, string | undefined>;

export class EnvError extends Error {
  override name = "EnvError";
}

/** Variables whose values are never repeated in an error message: they hold passwords. */
const SECRET_VALUES = new Set(["DATABASE_URL", "MIGRATION_DATABASE_URL", "AUTH_SECRET"]);

/** A whole number from `min` to `max`, written in decimal digits. */
export function wholeNumber(min: number, max: number) {
  const rule = `must be a whole number from ${min} to ${max}`;
  return z
    .string({ error: rule })
    .refine((raw) => /^\d+$/.test(raw) && Number(raw) >= min && Number(raw) <= max, rule)
    .transform(Number);
}

/** An on/off switch: `1` on, `0` or unset off (anything else is a mistake, not "off"). */
export const flag = z
  .enum(["0", "1"], { error: "must be 1 or 0" })
  .optional()
  .transform((raw) => raw === "1");

const POSTGRES_URL = "must be a PostgreSQL URL like postgresql://user:password@host:5432/database";
const postgresUrl = z.string({ error: POSTGRES_URL }).refine((raw) => {
  try {
    return ["postgres:", "postgresql:"].includes(new URL(raw).protocol);
  } catch {
    return false;
  }
}, POSTGRES_URL);

// Auth.js signs and encrypts the session cookies with it; it asks for 32 random characters or more.
const AUTH_SECRET = "must be at least 32 characters (generate one with: openssl rand -base64 32)";
const authSecret = z.string({ error: AUTH_SECRET }).min(32, AUTH_SECRET);

/** Everything the app reads from the environment; README's Configuration table lists the same. */
const appShape = {
  DATABASE_URL: postgresUrl.optional(),
  // The tables' owner, for migrations and the seed when DATABASE_URL is a role that owns nothing
  // (scripts/lib/app-role.ts); unset: DATABASE_URL does both.
  MIGRATION_DATABASE_URL: postgresUrl.optional(),
  AUTH_SECRET: authSecret.optional(),
  PORT: wholeNumber(1, 65535).default(3000),
  DATABASE_POOL_SIZE: wholeNumber(1, 200).default(10),
  // App instances `npm start` runs on its port (scripts/lib/instances.ts); unset: one per core, at most 4.
  TIERWISE_INSTANCES: wholeNumber(1, 64).optional(),
  TIERWISE_SEED_DEMO: flag,
  // With NODE_ENV=production the demo users are seeded only when this is 1 too, with a random password.
  TIERWISE_SEED_DEMO_FORCE: flag,
  // Reverse proxies in front of the app that append the client to X-Forwarded-For (lib/auth/client.ts).
  TIERWISE_TRUSTED_PROXIES: wholeNumber(0, 10).default(0),
  // A session ends this long after sign-in, however active (lib/auth/sessions.ts)...
  TIERWISE_SESSION_MAX_HOURS: wholeNumber(1, 720).default(12),
  // ...or after this long without a request.
  TIERWISE_SESSION_IDLE_MINUTES: wholeNumber(5, 43_200).default(120),
  TIERWISE_IMPORT_DIR: z.string().optional(),
  TIERWISE_DISABLE_REFRESH: flag,
  // Requests per API key per minute, shared by every app instance (lib/api/rate-limit.ts).
  TIERWISE_API_RATE_LIMIT: wholeNumber(1, 1_000_000).default(600),
  // Webhook receivers on private, loopback or link-local addresses that may be called anyway:
  // comma-separated host names and CIDRs, e.g. "crm.internal,10.1.0.0/16,127.0.0.1/32" (lib/webhooks/ssrf.ts).
  TIERWISE_WEBHOOK_ALLOW: z.string().optional(),
  // The first retry's delay of a failed webhook delivery; each next one doubles (lib/webhooks/backoff.ts).
  TIERWISE_WEBHOOK_RETRY_MS: wholeNumber(10, 3_600_000).default(30_000),
  // Settings for the embedded PostgreSQL over its own, "name=value,name=value"; checked where they
  // are applied (scripts/lib/embedded-db.ts, serverSettings).
  TIERWISE_PG_SETTINGS: z.string().optional(),
};

/** The running server needs a database and a secret; `next build` and the scripts may not have them yet. */
const serverShape = { ...appShape, DATABASE_URL: postgresUrl, AUTH_SECRET: authSecret };

export type Env = z.infer<z.ZodObject<typeof appShape>>;
export type ServerEnv = z.infer<z.ZodObject<typeof serverShape>>;
export const ENV_VARIABLES = Object.keys(appShape) as (keyof Env)[];

/**
 * Parse the variables `shape` names from `source`, or throw an EnvError naming every bad one.
 * An empty value counts as unset (`PORT= npm start` means the default, as a blank line in a .env
 * file does). Scripts use it for their own knobs so those fail the same way.
 */
export function parseVariables<S extends z.ZodRawShape>(shape: S, source: Source = process.env, what = "environment"): z.infer<z.ZodObject<S>> {
  const input: Source = {};
  for (const name of Object.keys(shape)) input[name] = source[name] === "" ? undefined : source[name];
  const result = z.object(shape).safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    const raw = input[name];
    if (raw === undefined) return `${name} is not set: it ${issue.message}`;
    return SECRET_VALUES.has(name) ? `${name} ${issue.message}` : `${name} ${issue.message} (got ${JSON.stringify(raw)})`;
  });
  throw new EnvError(`Invalid ${what}: ${problems.join("; ")}`);
}

/**
 * The app's configuration. Parsed on every call (a few microseconds) rather than cached, so a
 * test or benchmark that sets a variable before using the code that reads it is seen.
 */
export function env(source: Source = process.env): Env {
  return parseVariables(appShape, source);
}

/** The configuration of a running app server: as `env()`, and DATABASE_URL and AUTH_SECRET must be set. */
export function serverEnv(source: Source = process.env): ServerEnv {
  return parseVariables(serverShape, source);
}
