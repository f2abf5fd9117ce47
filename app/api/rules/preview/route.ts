import { loadRuleContext } from "@/lib/data/rules/context";
import { previewSegmentDraft } from "@/lib/data/rules/segments";
import { previewTierSchemeDraft } from "@/lib/data/rules/tier-scheme";
import { json, readJsonBody, route } from "@/lib/http/route";
import { parseInput } from "@/lib/validation/parse";
import { previewRequestSchema } from "@/lib/validation/preview-request";
import { ruleDraftSchema, tierSchemeDraftSchema } from "@/lib/validation/rules";

/** A draft is a few kilobytes; a server action's default limit, 1 MB, is plenty. */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The rule editors' live preview (components/rules/use-live-preview.ts). A route handler rather
 * than a server action: Next.js sends one client's server actions one after another, so a newer
 * draft's preview would wait for the older one's whole count (seconds at 1,000,000 accounts) and
 * could never cancel it. Here each request arrives at once; a newer one from the same editor
 * (`previewKey`) cancels the older one's query (lib/data/rules/preview-slot.ts), and the editor
 * aborts the older request. Answers as the publish dialogs' preview actions do (lib/actions/preview-rule.ts).
 */
export const POST = route({
  name: "rules preview",
  roles: ["ADMIN"],
  handle: async ({ user, request }) => {
    const body = await parseInput(previewRequestSchema, await readJsonBody(request, MAX_BODY_BYTES));
    const context = await loadRuleContext();
    if (body.kind === "segment") {
      const rule = await parseInput(ruleDraftSchema(context), body.rule);
      return json(await previewSegmentDraft(user, body.segmentId, rule, body.previewKey, body.phase));
    }
    const scheme = await parseInput(tierSchemeDraftSchema(context), body.scheme);
    return json(await previewTierSchemeDraft(user, scheme, { previewKey: body.previewKey, phase: body.phase }));
  },
});
