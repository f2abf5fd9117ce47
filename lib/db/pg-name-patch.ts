import Result from "pg/lib/result.js";

let patched = false;

/**
 * Work-around for prisma/orm#27403: the Prisma 6.19 pg adapter cannot deserialise
 * columns of PostgreSQL's `name` type (OID 19), which `migrate deploy` reads from
 * the catalogue. Report them as `text` (OID 25) instead. Used by the Prisma CLI only.
 */
export function patchPgNameType(): void {
  if (patched) return;
  patched = true;
  const proto = (Result as unknown as { prototype: { addFields: (fields: { dataTypeID: number }[]) => void } })
    .prototype;
  const original = proto.addFields;
  proto.addFields = function addFields(this: unknown, fields: { dataTypeID: number }[]) {
    for (const field of fields) if (field.dataTypeID === 19) field.dataTypeID = 25;
    return original.call(this, fields);
  };
}
