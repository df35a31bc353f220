import { hasPermission } from "@/lib/api/authorize";
import { defineRoute } from "@/lib/api/define-route";
import { ApiError } from "@/lib/api/errors";
import { parseQuery } from "@/lib/api/parse-query";
import { clientWantsFresh } from "@/lib/cache/client-wants-fresh";
import { customerLookupQuerySchema, customerLookupSchema } from "@/lib/services/appointments/schemas";
import { listCustomers } from "@/lib/services/customers/list-customers";

// GET /api/v1/appointments/customer-lookup — up to 10 customers to book, found by the customers search (name, email, phone however typed).
// It answers customers' names and contacts, so it needs customers:read as well as appointments:write.
export const GET = defineRoute({ auth: "required", permission: "appointments:write", service: "appointments" }, async ({ req, caller }) => {
  if (!hasPermission(caller, "customers:read")) throw new ApiError("forbidden", "This needs the customers:read permission as well.");
  const { q } = parseQuery(req, customerLookupQuerySchema);
  const { value } = await listCustomers(caller.cid, { q, limit: 10 }, { fresh: clientWantsFresh(req.headers) });
  return customerLookupSchema.parse(value.items);
});
