import { ID_PREFIXES, type IdKind } from "./create-id";

/** Any id we hand out or accept: letters, digits and `_`, 1–40 characters (the varchar(40) id columns). */
const ANY_ID = /^[A-Za-z0-9_]{1,40}$/;

/** An id of one kind exactly as createId makes it: its prefix, `_`, and the 26-character time-sortable body. */
const KIND_ID = Object.fromEntries(
  Object.entries(ID_PREFIXES).map(([kind, prefix]) => [kind, new RegExp(`^${prefix}_[0-9A-Z]{26}$`)]),
) as Record<IdKind, RegExp>;

/** The pattern of an id: of one kind (`call_01J…`) when `kind` is given, else of any kind. */
export function idPattern(kind?: IdKind): RegExp {
  return kind ? KIND_ID[kind] : ANY_ID;
}
