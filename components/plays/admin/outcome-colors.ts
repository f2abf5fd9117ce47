/**
 * One colour per outcome kind for the effectiveness charts and their legends: the working steps
 * in blues, won green, lost red, not a fit amber, snoozed grey. Client-safe.
 */
import type { OutcomeKind } from "@/lib/plays/kinds";

export const OUTCOME_COLORS: Readonly<Record<OutcomeKind, string>> = {
  CONTACTED: "#93c5fd",
  MEETING_BOOKED: "#4f46e5",
  WON: "#059669",
  LOST: "#e11d48",
  NOT_A_FIT: "#f59e0b",
  SNOOZED: "#cbd5e1",
};
