import { CalendarDays, Globe, MailOpen, MousePointerClick, Users, Video, type LucideIcon } from "lucide-react";
import type { EngagementType } from "@/lib/generated/prisma/enums";

/** Icon and colour per engagement type; the label always comes from enumLabel. */
export const ENGAGEMENT_STYLE: Record<EngagementType, { icon: LucideIcon; className: string }> = {
  WEB_VISIT: { icon: Globe, className: "bg-sky-50 text-sky-700 ring-sky-200" },
  EMAIL_OPEN: { icon: MailOpen, className: "bg-slate-100 text-slate-700 ring-slate-200" },
  EMAIL_CLICK: { icon: MousePointerClick, className: "bg-indigo-50 text-indigo-700 ring-indigo-200" },
  MEETING: { icon: Users, className: "bg-emerald-50 text-emerald-700 ring-emerald-200" },
  WEBINAR: { icon: Video, className: "bg-violet-50 text-violet-700 ring-violet-200" },
  EVENT: { icon: CalendarDays, className: "bg-amber-50 text-amber-800 ring-amber-200" },
};
