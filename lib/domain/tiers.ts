/**
 * "Untiered": where an account is when no tier rule matches it (or no scheme is published).
 * One definition for its URL key, its label, its rank (after every tier: the default of
 * account_segmentation.tier_rank in prisma/schema.prisma) and its colour. Client-safe.
 */
export const UNTIERED = {
  key: "untiered",
  label: "Untiered",
  rank: 9999,
  color: "#cbd5e1",
} as const;
