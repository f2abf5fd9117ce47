import { STATIC_ICONS, type IconData } from "@/components/ui/static-icon";
import type { EngagementType } from "@/lib/generated/prisma/enums";

/** Icon and colour per engagement type; the label always comes from enumLabel. */
export const ENGAGEMENT_STYLE: Record<EngagementType, { icon: IconData; className: string }> = {
  WEB_VISIT: { icon: STATIC_ICONS.globe, className: "bg-sky-50 text-sky-700 ring-sky-200" },
  EMAIL_OPEN: { icon: STATIC_ICONS.mailOpen, className: "bg-slate-100 text-slate-700 ring-slate-200" },
  EMAIL_CLICK: { icon: STATIC_ICONS.mousePointerClick, className: "bg-indigo-50 text-indigo-700 ring-indigo-200" },
  MEETING: { icon: STATIC_ICONS.users, className: "bg-emerald-50 text-emerald-700 ring-emerald-200" },
  WEBINAR: { icon: STATIC_ICONS.video, className: "bg-violet-50 text-violet-700 ring-violet-200" },
  EVENT: { icon: STATIC_ICONS.calendarDays, className: "bg-amber-50 text-amber-800 ring-amber-200" },
};
