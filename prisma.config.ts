import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
import { patchPgNameType } from "./lib/db/pg-name-patch";
import { env } from "./lib/env";

// The CLI must never fall back to downloading native engines (this network has no CDN):
// every command resolves env("DATABASE_URL"), so give commands that need no database a placeholder
// (an empty value counts as unset, as everywhere else).
process.env.DATABASE_URL ||= "postgresql://placeholder@localhost:5432/placeholder";

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    patchPgNameType();
    // A command that connects checks the configuration first, as the app does.
    return new PrismaPg({ connectionString: env().DATABASE_URL });
  },
});
