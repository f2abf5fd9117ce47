/** The kinds of value a rule field can hold; each kind has its own operators (operators.ts). */
export const FIELD_TYPES = ["number", "money", "date", "enum", "text", "tags", "technology"] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** How the editor groups fields; mirrors the product's segmentation families. */
export const FIELD_FAMILIES = ["firmographic", "value", "behaviour", "technographic"] as const;
export type FieldFamily = (typeof FIELD_FAMILIES)[number];

export const FIELD_FAMILY_LABELS: Readonly<Record<FieldFamily, string>> = {
  firmographic: "Firmographic",
  value: "Value",
  behaviour: "Behaviour",
  technographic: "Technographic",
};
