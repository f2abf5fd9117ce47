/**
 * Example: write Tierwise tiers and segments back to HubSpot company properties from Tierwise's
 * webhooks (docs/crm-write-back.md). A small receiver: it verifies every request with the
 * Standard Webhooks library, then for each event finds the company by domain and sets
 *   tierwise_tier      (single-line text)   <- account.tier_changed: the tier entered ("" when none)
 *   tierwise_segments  (multiple checkboxes) <- account.segment_entered / account.segment_left
 *   tierwise_reason    (single-line text)   <- the reason: "Tier scheme v4: <publish note>", "API write by …"
 * through HubSpot's CRM v3 API. It answers 204 only when every event is applied, so a CRM outage
 * makes Tierwise retry the batch (with the same webhook-id; the updates are idempotent).
 *
 *   TIERWISE_WEBHOOK_SECRET=whsec_… HUBSPOT_TOKEN=pat-… npx tsx scripts/examples/crm-sync.ts --port 8787
 *
 * HUBSPOT_URL (default https://api.hubapi.com) points it elsewhere: the test runs it against a
 * stub CRM on 127.0.0.1 (tests/integration/crm-sync-example.test.ts).
 */
import http from "node:http";
import { parseArgs } from "node:util";
import { Webhook } from "standardwebhooks";

interface TierwiseEvent {
  id: string;
  type: string;
  timestamp: string;
  data: {
    account?: { id: number; name: string; domain: string };
    to?: { key: string; name: string } | null;
    segment?: { id: number; name: string };
    reason?: { code: string; ruleVersion: number | null; note: string | null; detail: string | null };
  };
}

export interface CrmSyncOptions {
  secret: string;
  hubspotUrl: string;
  hubspotToken: string;
}

function reasonText(reason: TierwiseEvent["data"]["reason"]): string {
  if (!reason) return "";
  if (reason.code === "RULE_PUBLISHED" || reason.code === "RULE_RESTORED") return `Rules v${reason.ruleVersion ?? "?"}: ${reason.note ?? ""}`.trim();
  return reason.detail ?? reason.code;
}

/** A minimal HubSpot CRM v3 client: find a company by domain, read and update its properties. */
function hubspot(options: CrmSyncOptions) {
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${options.hubspotUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${options.hubspotToken}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`HubSpot ${method} ${path}: HTTP ${response.status}`);
    return (await response.json()) as Record<string, unknown>;
  };
  return {
    async findCompany(domain: string): Promise<{ id: string; properties: Record<string, string | null> } | null> {
      const found = await call("POST", "/crm/v3/objects/companies/search", {
        filterGroups: [{ filters: [{ propertyName: "domain", operator: "EQ", value: domain }] }],
        properties: ["domain", "tierwise_tier", "tierwise_segments"],
        limit: 1,
      });
      return ((found.results as { id: string; properties: Record<string, string | null> }[] | undefined) ?? [])[0] ?? null;
    },
    update: (id: string, properties: Record<string, string>) => call("PATCH", `/crm/v3/objects/companies/${id}`, { properties }),
  };
}

/** Apply one event to the company with the account's domain (a domain HubSpot does not know is skipped). */
async function apply(crm: ReturnType<typeof hubspot>, event: TierwiseEvent): Promise<void> {
  const account = event.data.account;
  if (!account) return; // webhook.test
  const company = await crm.findCompany(account.domain);
  if (!company) return;
  const reason = reasonText(event.data.reason);
  if (event.type === "account.tier_changed") {
    await crm.update(company.id, { tierwise_tier: event.data.to?.name ?? "", tierwise_reason: reason });
    return;
  }
  if (event.type === "account.segment_entered" || event.type === "account.segment_left") {
    // HubSpot keeps a multiple-checkbox value as "a;b;c".
    const segments = new Set((company.properties.tierwise_segments ?? "").split(";").filter(Boolean));
    if (event.type === "account.segment_entered") segments.add(event.data.segment!.name);
    else segments.delete(event.data.segment!.name);
    await crm.update(company.id, { tierwise_segments: [...segments].sort().join(";"), tierwise_reason: reason });
  }
}

export function crmSyncHandler(options: CrmSyncOptions): http.RequestListener {
  const verifier = new Webhook(options.secret);
  const crm = hubspot(options);
  return (request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", async () => {
      let batch: { events: TierwiseEvent[] };
      try {
        batch = verifier.verify(Buffer.concat(chunks).toString("utf8"), request.headers as Record<string, string>) as { events: TierwiseEvent[] };
      } catch {
        response.writeHead(401).end("bad signature");
        return;
      }
      try {
        // In order: a batch holds an account's changes oldest first.
        for (const event of batch.events) await apply(crm, event);
        response.writeHead(204).end();
      } catch (error) {
        // Tierwise retries the whole batch later.
        response.writeHead(503).end(error instanceof Error ? error.message : "CRM update failed");
      }
    });
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { port: { type: "string", default: "8787" } } });
  const secret = process.env.TIERWISE_WEBHOOK_SECRET;
  const hubspotToken = process.env.HUBSPOT_TOKEN;
  if (!secret || !hubspotToken) {
    console.error("Set TIERWISE_WEBHOOK_SECRET (the endpoint's whsec_… secret) and HUBSPOT_TOKEN (a private app token).");
    process.exit(2);
  }
  const hubspotUrl = process.env.HUBSPOT_URL ?? "https://api.hubapi.com";
  http.createServer(crmSyncHandler({ secret, hubspotToken, hubspotUrl })).listen(Number(values.port), () => console.log(`crm-sync listening on :${values.port}`));
}
