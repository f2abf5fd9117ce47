import { cn } from "@/lib/utils/cn";

export type AlertTone = "error" | "warning" | "success" | "info";

const TONES: Record<AlertTone, string> = {
  error: "bg-red-50 text-red-900 ring-red-200",
  warning: "bg-amber-50 text-amber-900 ring-amber-200",
  success: "bg-emerald-50 text-emerald-900 ring-emerald-200",
  info: "bg-slate-50 text-slate-800 ring-slate-200",
};

/**
 * A coloured message box for what just happened. Errors are announced at once (role="alert"),
 * everything else politely (role="status"). `action` sits at the end of the box, e.g. a Reload link.
 */
export function Alert({
  tone,
  title,
  children,
  action,
  id,
}: {
  tone: AlertTone;
  /** A bold first line; without it the children are the whole message. */
  title?: React.ReactNode;
  children?: React.ReactNode;
  action?: React.ReactNode;
  id?: string;
}) {
  return (
    <div
      id={id}
      role={tone === "error" ? "alert" : "status"}
      className={cn("flex flex-wrap items-center justify-between gap-3 rounded-lg px-4 text-sm ring-1 ring-inset", title ? "py-3" : "py-2.5", TONES[tone])}
    >
      <div className="min-w-0 flex-1">
        {title && <p className="font-semibold">{title}</p>}
        {children && <div className={title ? "mt-1 space-y-1" : undefined}>{children}</div>}
      </div>
      {action}
    </div>
  );
}

/** A failed action as the screen shows it; `conflict` when someone else saved first (code CONFLICT). */
export interface ActionFailure {
  message: string;
  conflict: boolean;
}

export function failureOf(result: { error: string; code?: string }): ActionFailure {
  return { message: result.error, conflict: result.code === "CONFLICT" };
}

/** The outcome of an action in one line; a conflict gets a Reload link (edits stay on screen until then). */
export function ActionBanner({ message, conflict = false, tone = "error" }: { message: string; conflict?: boolean; tone?: "error" | "success" | "info" }) {
  return (
    <Alert
      tone={tone}
      action={
        conflict && (
          <a
            href=""
            data-hard-navigation
            className="rounded-md bg-white px-2.5 py-1 font-medium text-red-800 ring-1 ring-inset ring-red-300 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-red-700"
          >
            Reload
          </a>
        )
      }
    >
      {message}
    </Alert>
  );
}
