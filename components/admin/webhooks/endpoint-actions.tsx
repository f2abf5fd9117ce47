"use client";

import { Send } from "lucide-react";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/result";
import { deleteWebhookEndpointAction, redeliverWebhookAction, sendWebhookTestEventAction, setWebhookEndpointActiveAction } from "@/lib/actions/webhooks";

const small = "px-2.5 py-1 text-xs";

/** Send a test event, activate or deactivate, delete (with a confirm): one row of buttons per endpoint. */
export function EndpointActions({ id, url, active }: { id: string; url: string; active: boolean }) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const run = (call: () => Promise<ActionResult<unknown>>, done: string) =>
    startTransition(async () => {
      const result = await call();
      setMessage(result.ok ? { ok: true, text: done } : { ok: false, text: result.error });
    });
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button type="button" variant="secondary" className={small} disabled={pending || !active} onClick={() => run(() => sendWebhookTestEventAction(id), "Test event queued.")}>
        <Send className="h-3.5 w-3.5" aria-hidden />
        Send test event
      </Button>
      <Button
        type="button"
        variant="secondary"
        className={small}
        disabled={pending}
        onClick={() => run(() => setWebhookEndpointActiveAction(id, !active), active ? "Deactivated." : "Activated.")}
      >
        {active ? "Deactivate" : "Activate"}
      </Button>
      <Button
        type="button"
        variant="ghost"
        className={`${small} text-red-700 hover:bg-red-50`}
        disabled={pending}
        aria-label={`Delete the endpoint ${url}`}
        onClick={() => {
          if (window.confirm(`Delete the endpoint ${url}? Its pending deliveries and its log go with it.`)) run(() => deleteWebhookEndpointAction(id), "Deleted.");
        }}
      >
        Delete
      </Button>
      <span role="status" className={message?.ok === false ? "text-xs text-red-700" : "text-xs text-slate-600"}>
        {message?.text}
      </span>
    </div>
  );
}

/** Send one delivery again (same webhook-id and body). */
export function RedeliverButton({ deliveryId }: { deliveryId: string }) {
  const [pending, startTransition] = useTransition();
  const [note, setNote] = useState<string | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        type="button"
        variant="ghost"
        className={small}
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await redeliverWebhookAction(deliveryId);
            setNote(result.ok ? "Queued" : result.error);
          })
        }
      >
        Redeliver
      </Button>
      {note && <span role="status" className="text-xs text-slate-600">{note}</span>}
    </span>
  );
}
