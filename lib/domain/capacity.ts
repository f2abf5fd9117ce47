/**
 * How many plays a rep plans per day (users.daily_capacity; its default, 20, is in
 * prisma/schema.prisma). Here rather than beside the form's schema so the capacity form in the
 * browser does not load zod for two numbers (zod's start-up probe for eval is a CSP violation there).
 */
export const CAPACITY_MIN = 1;
export const CAPACITY_MAX = 200;
