import { TechCategory } from "@/lib/generated/prisma/enums";

/**
 * accounts.technology_categories holds an account's technology categories as bits: bit i is the
 * i-th TechCategory value in enum order (12 fit an int). PostgreSQL's tech_category_bit
 * (prisma/post-migrate.sql) derives the same bit from the same enum order; a test checks that
 * they agree. The seed writes the mask itself; a trigger keeps it for every other write.
 */
export const TECH_CATEGORIES: readonly TechCategory[] = Object.values(TechCategory);

export function techCategoryBit(category: TechCategory): number {
  const index = TECH_CATEGORIES.indexOf(category);
  if (index < 0) throw new Error(`unknown technology category ${category}`);
  return 1 << index;
}

/** The mask of a set of categories. */
export function techCategoryMask(categories: Iterable<TechCategory>): number {
  let mask = 0;
  for (const category of categories) mask |= techCategoryBit(category);
  return mask;
}
