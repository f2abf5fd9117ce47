/**
 * The rule editors' live preview (app/api/rules/preview) in integration tests: the route handler
 * called as a function with a real same-origin Request, as components/rules/use-live-preview.ts
 * sends it. After vi.mock of "@/lib/auth/session" with sessionModuleMock:
 *   const { post, segment, tierScheme } = await previewRoute();
 * (the handler is imported then, after the mock). A call reads the session user at once, as an
 * action call does, so a test may switch users right after starting one.
 */
import type { SegmentPreviewResult } from "@/lib/data/rules/segments";
import type { TierSchemePreviewResult } from "@/lib/data/rules/tier-scheme";
import type { ErrorBody } from "@/lib/errors";

export interface PreviewAnswer<T> {
  status: number;
  body: T | ErrorBody;
}

type Phase = "estimate" | "exact";

async function answer<T>(response: Promise<Response>): Promise<PreviewAnswer<T>> {
  const done = await response;
  return { status: done.status, body: (await done.json()) as T | ErrorBody };
}

export async function previewRoute() {
  const { POST } = await import("@/app/api/rules/preview/route");
  /** POST a body (an object, or text sent as is); the raw Response. */
  const post = (body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
    POST(
      new Request("http://127.0.0.1:3000/api/rules/preview", {
        method: "POST",
        headers: { "content-type": "application/json", host: "127.0.0.1:3000", ...headers },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
    );
  return {
    post,
    /** A segment editor's preview of `rule` (for segment `segmentId`, or none), with its key and phase. */
    segment: (segmentId: unknown, rule: unknown, previewKey?: string, phase?: Phase): Promise<PreviewAnswer<SegmentPreviewResult>> =>
      answer(post({ kind: "segment", segmentId, rule, previewKey, phase })),
    /** The tier scheme editor's preview of `scheme`, with its key and phase. */
    tierScheme: (scheme: unknown, previewKey?: string, phase?: Phase): Promise<PreviewAnswer<TierSchemePreviewResult>> =>
      answer(post({ kind: "tierScheme", scheme, previewKey, phase })),
  };
}

/** The answer's data when it is a 200, else undefined (so `data(x)?.…` reads like an action's `ok && data`). */
export function data<T>(answer: PreviewAnswer<T>): T | undefined {
  return answer.status === 200 ? (answer.body as T) : undefined;
}

/** The error of a non-200 answer: its status, code and message. */
export function failure(answer: PreviewAnswer<unknown>): { status: number; code: string; message: string } | undefined {
  if (answer.status === 200) return undefined;
  const { code, message } = (answer.body as ErrorBody).error;
  return { status: answer.status, code, message };
}
