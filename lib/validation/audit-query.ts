import {
  createLoader,
  createSerializer,
  parseAsIsoDate,
  parseAsString,
  parseAsStringLiteral,
  type inferParserType,
} from "nuqs/server";
import { AUDIT_ACTIONS } from "@/lib/domain/audit-actions";
import { parseAsPositiveInt } from "./ids";

export { AUDIT_ACTIONS };

/** The audit page's URL state: the server page loads it, the filter bar edits it, pagination links are built from it. */
export const auditQueryParsers = {
  action: parseAsStringLiteral(AUDIT_ACTIONS),
  actor: parseAsString.withDefault(""),
  from: parseAsIsoDate,
  to: parseAsIsoDate,
  page: parseAsPositiveInt.withDefault(1),
};

export type AuditQuery = inferParserType<typeof auditQueryParsers>;

export const loadAuditQuery = createLoader(auditQueryParsers);
export const serializeAuditQuery = createSerializer(auditQueryParsers);

/** Any filter set (the page number is not one): the log then says "no entries match" rather than "nothing recorded". */
export function hasAuditFilter(query: Pick<AuditQuery, "action" | "actor" | "from" | "to">): boolean {
  return Boolean(query.action || query.actor || query.from || query.to);
}
