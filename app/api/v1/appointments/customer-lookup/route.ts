import { hasPermission } from "@/lib/api/authorize";
import { defineRoute } from "@/lib/api/define-route";
import { ApiError } from "@/lib/api/errors";
import { parseQuery } from "@/lib/api/parse-query";
import { customerLookupQuerySchema, customerLookupSchema } from "@/lib/services/appointments/schemas";
import { lookupCustomers } from "@/lib/services/customers/lookup-customers";

// GET /api/v1/appointments/customer-lookup — up to 10 customers by name/email prefix or phone digits, to book.
// It answers customers' names and contacts, so it needs customers:read as well as appointments:write.
export const GET = defineRoute({ auth: "required", permission: "appointments:write", service: "appointments" }, async ({ req, caller }) => {
  if (!hasPermission(caller, "customers:read")) throw new ApiError("forbidden", "This needs the customers:read permission as well.");
  const { q } = parseQuery(req, customerLookupQuerySchema);
  return customerLookupSchema.parse(await lookupCustomers(caller.cid, q));
});
