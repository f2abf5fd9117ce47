/**
 * The priority score's three parts, in the order every screen lists them, with the label and
 * colour they have everywhere (score settings, rules overview, the account's score explanation).
 * Client-safe.
 */
export const SCORE_PARTS = ["value", "fit", "engagement"] as const;
export type ScorePart = (typeof SCORE_PARTS)[number];

export const SCORE_PART_DISPLAY: Record<ScorePart, { label: string; color: string }> = {
  value: { label: "Value", color: "#4f46e5" },
  fit: { label: "Fit", color: "#0891b2" },
  engagement: { label: "Engagement", color: "#d97706" },
};
