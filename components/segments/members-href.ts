import { serializeAccountQuery } from "@/lib/validation/account-query";

/** The accounts list filtered to a segment's members: the one place members are listed in full. */
export function segmentMembersHref(id: number): string {
  return `/accounts${serializeAccountQuery({ segment: [id] })}`;
}
