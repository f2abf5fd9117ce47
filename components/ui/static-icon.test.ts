/**
 * components/ui/static-icon.tsx draws exactly what lucide-react draws for the same icon (same
 * elements, attributes and classes), so a page looks the same whichever renders it.
 */
import { ArrowRight, CalendarDays, ChevronRight, CircleCheck, CircleX, Globe, MailOpen, MousePointerClick, Users, Video, type LucideIcon } from "lucide-react";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { expect, test } from "vitest";
import { STATIC_ICONS, StaticIcon } from "./static-icon";

const LUCIDE: Record<keyof typeof STATIC_ICONS, LucideIcon> = {
  arrowRight: ArrowRight,
  calendarDays: CalendarDays,
  chevronRight: ChevronRight,
  circleCheck: CircleCheck,
  circleX: CircleX,
  globe: Globe,
  mailOpen: MailOpen,
  mousePointerClick: MousePointerClick,
  users: Users,
  video: Video,
};

/** An element's attributes as a sorted list, children in order: the markup without attribute order. */
function normalise(markup: string): string[] {
  return [...markup.matchAll(/<(\/?[a-z]+)([^>]*)>/g)].map(([, tag, attributes]) => {
    const sorted = [...attributes!.matchAll(/([a-z-]+)="([^"]*)"/g)].map(([, name, value]) => (name === "class" ? `class=${value!.split(" ").sort().join(" ")}` : `${name}=${value}`)).sort();
    return `${tag} ${sorted.join(" ")}`;
  });
}

test.each(Object.keys(STATIC_ICONS) as (keyof typeof STATIC_ICONS)[])("%s is drawn as lucide-react draws it", (name) => {
  const ours = renderToStaticMarkup(createElement(StaticIcon, { icon: STATIC_ICONS[name], className: "h-4 w-4 text-rose-600" }));
  const theirs = renderToStaticMarkup(createElement(LUCIDE[name], { className: "h-4 w-4 text-rose-600", "aria-hidden": true }));
  expect(STATIC_ICONS[name].node.length).toBeGreaterThan(0);
  expect(normalise(ours)).toEqual(normalise(theirs));
});
