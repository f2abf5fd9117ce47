import "server-only";
import { env } from "@/lib/env";
import { parseAllowList, type AllowList } from "./ssrf";

/** The webhook settings of lib/env.ts, parsed (the allow-list re-parsed only when it changes). */
let cached: { raw: string | undefined; list: AllowList } | null = null;

export function webhookAllowList(): AllowList {
  const raw = env().TIERWISE_WEBHOOK_ALLOW;
  if (!cached || cached.raw !== raw) cached = { raw, list: parseAllowList(raw) };
  return cached.list;
}

export function firstRetryMs(): number {
  return env().TIERWISE_WEBHOOK_RETRY_MS;
}
