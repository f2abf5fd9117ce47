/** Tier keys: stable identifiers derived from a tier's name when it is created. */

const RESERVED_KEYS = new Set(["constructor", "prototype"]);

/** A tier key from its name: "Tier 1 Strategic" -> "tier-1-strategic", unique among `taken`. */
export function slugify(name: string, taken: Iterable<string> = []): string {
  const base =
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 36)
      .replace(/-+$/, "") || "tier";
  const used = new Set(taken);
  const safeBase = RESERVED_KEYS.has(base) ? `${base}-tier` : base;
  if (!used.has(safeBase)) return safeBase;
  for (let n = 2; ; n++) {
    const candidate = `${safeBase}-${n}`;
    if (!used.has(candidate)) return candidate;
  }
}
