import { createElement } from "react";
import type { LucideIconData } from "lucide-react";
import * as arrowRight from "lucide-react/icons/arrow-right";
import * as calendarDays from "lucide-react/icons/calendar-days";
import * as chevronRight from "lucide-react/icons/chevron-right";
import * as circleCheck from "lucide-react/icons/circle-check";
import * as circleX from "lucide-react/icons/circle-x";
import * as globe from "lucide-react/icons/globe";
import * as mailOpen from "lucide-react/icons/mail-open";
import * as mousePointerClick from "lucide-react/icons/mouse-pointer-click";
import * as users from "lucide-react/icons/users";
import * as video from "lucide-react/icons/video";
import { cn } from "@/lib/utils/cn";

/** A lucide icon's drawing: what lucide-react's own component draws (each icon module exports it). */
export type IconData = LucideIconData & { name: string };

// The modules' typings name only their component; the drawing beside it is read here, once.
const drawing = (module: unknown): IconData => (module as { __iconData: IconData }).__iconData;

/**
 * Icons that repeat down a server-rendered page (a trace's ticks and crosses, the engagement
 * timeline): drawn as plain SVG. lucide-react's components are client components, so each one
 * on a server page was a client component to render and a reference with its drawing in the
 * page's payload (93 on an account page: ~15% of its server CPU, docs/benchmarks.md "Load").
 * Interactive or one-off icons keep using lucide-react.
 */
export const STATIC_ICONS = {
  arrowRight: drawing(arrowRight),
  calendarDays: drawing(calendarDays),
  chevronRight: drawing(chevronRight),
  circleCheck: drawing(circleCheck),
  circleX: drawing(circleX),
  globe: drawing(globe),
  mailOpen: drawing(mailOpen),
  mousePointerClick: drawing(mousePointerClick),
  users: drawing(users),
  video: drawing(video),
} satisfies Record<string, IconData>;

/** The same SVG lucide-react renders (attributes and classes), decorative (aria-hidden). */
export function StaticIcon({ icon, className }: { icon: IconData; className?: string }) {
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      width="24"
      height="24"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      className={cn("lucide", `lucide-${icon.name}`, icon.aliases?.map((alias) => `lucide-${alias}`), className)}
      aria-hidden="true"
    >
      {icon.node.map(([tag, attributes]) => createElement(tag, attributes))}
    </svg>
  );
}
